import type { DomainStateName } from '../../../shared/model';
import { STATE_LABELS } from './StateBadge';

/**
 * Glyphs the common UI fonts (DejaVu Sans, Segoe UI Symbol, Apple's) carry: the media-control
 * block (⏸ ⏻ ⏾) is in none of Debian's default fonts, so each first use sent the text shaper
 * through every installed font, and it still drew a missing-glyph box.
 */
const GLYPHS: Record<DomainStateName, string> = {
  nostate: '○', running: '▶', blocked: '▶', paused: '❚❚', shutdown: '◐', shutoff: '■', crashed: '✖', pmsuspended: '☾', unknown: '?',
};

/** A state as a small glyph for dense places (the tree); the words are its label. */
export function StateIcon({ state }: { readonly state: DomainStateName }): React.JSX.Element {
  return <span className={`state-icon state-${state}`} role="img" aria-label={STATE_LABELS[state]} title={STATE_LABELS[state]} data-state={state}>{GLYPHS[state]}</span>;
}
