import { CHIP_LABELS, STATE_CHIPS, type DomainFilter, type StateChip } from './domain-list-model';

interface Props {
  readonly filter: DomainFilter;
  readonly onChange: (filter: DomainFilter) => void;
  readonly shown: number;
  /** Null while the host's list is still on its way. */
  readonly total: number | null;
  readonly selected: number;
}

/** The name box and the state chips; the counts say how much the filter hides. */
export function DomainFilterBar({ filter, onChange, shown, total, selected }: Props): React.JSX.Element {
  const toggle = (chip: StateChip): void => {
    const chips = new Set(filter.chips);
    if (chips.has(chip)) chips.delete(chip);
    else chips.add(chip);
    onChange({ text: filter.text, chips });
  };
  return (
    <div className="filter-bar">
      <input
        type="search"
        className="filter-box"
        aria-label="Filter domains by name"
        placeholder="Filter by name"
        data-testid="domain-filter"
        value={filter.text}
        onChange={(e) => { onChange({ text: e.target.value, chips: filter.chips }); }}
      />
      <div className="chips" role="group" aria-label="Show states">
        {STATE_CHIPS.map((chip) => (
          <button key={chip} type="button" className="chip" aria-pressed={filter.chips.has(chip)} data-testid={`chip-${chip}`} onClick={() => { toggle(chip); }}>
            {CHIP_LABELS[chip]}
          </button>
        ))}
      </div>
      <span className="muted filter-count" data-testid="domain-count" role="status">
        {total === null ? 'Loading…' : shown === total ? `${total} domains` : `${shown} of ${total} shown`}{selected > 0 ? ` · ${selected} selected` : ''}
      </span>
    </div>
  );
}
