import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from './theme';

const LABEL: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The manual switch: follow the system, or always light, or always dark. */
export function ThemeSwitch(): React.JSX.Element {
  const choice = useThemeChoice();
  return (
    <label className="theme-switch">
      <span>Theme</span>
      <select
        data-testid="theme-switch"
        value={choice}
        onChange={(e) => {
          const next = THEME_CHOICES.find((c) => c === e.target.value);
          if (next !== undefined) setThemeChoice(next);
        }}
      >
        {THEME_CHOICES.map((c) => <option key={c} value={c}>{LABEL[c]}</option>)}
      </select>
    </label>
  );
}
