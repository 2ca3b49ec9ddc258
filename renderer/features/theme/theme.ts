/**
 * Light and dark: the system's choice (prefers-color-scheme) unless the person picked one,
 * which is kept in this renderer's localStorage. The choice is applied as `data-theme` on
 * <html>, where styles.css switches its variables; charts read the same variables.
 */
import { useSyncExternalStore } from 'react';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'virtdeck.theme';
const listeners = new Set<() => void>();
const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function isChoice(value: string | null): value is ThemeChoice {
  return value !== null && (THEME_CHOICES as readonly string[]).includes(value);
}

export function themeChoice(): ThemeChoice {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isChoice(stored) ? stored : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  switch (choice) {
    case 'system': return systemDark ? 'dark' : 'light';
    case 'light':
    case 'dark':
      return choice;
  }
}

function currentTheme(): Theme {
  return resolveTheme(themeChoice(), darkQuery().matches);
}

/**
 * The theme <html> carries now: what useTheme reports, so a render reads a variable instead
 * of localStorage and a media query, and a chart never sees a theme the page has not applied.
 */
let applied: Theme | null = null;

function apply(): void {
  applied = currentTheme();
  document.documentElement.dataset.theme = applied;
  for (const listener of listeners) listener();
}

export function setThemeChoice(choice: ThemeChoice): void {
  window.localStorage.setItem(STORAGE_KEY, choice);
  apply();
}

/** Applies the theme now and follows the system's changes; returns the stop. */
export function startTheme(): () => void {
  apply();
  const query = darkQuery();
  query.addEventListener('change', apply);
  return () => { query.removeEventListener('change', apply); };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function appliedTheme(): Theme {
  return applied ?? currentTheme();
}

/** The theme in effect, re-rendering on every change (a switch, or the system's). */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, appliedTheme);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
