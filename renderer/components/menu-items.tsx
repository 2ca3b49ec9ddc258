import * as ContextMenu from '@radix-ui/react-context-menu';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';

/** One entry of a menu, described once and shown both as a right-click and a button menu. */
export type MenuEntry =
  | { readonly kind: 'action'; readonly label: string; readonly testId: string; readonly disabled?: boolean; readonly danger?: boolean; readonly run: () => void }
  | { readonly kind: 'check'; readonly label: string; readonly testId: string; readonly checked: boolean; readonly toggle: (checked: boolean) => void }
  | { readonly kind: 'separator'; readonly key: string };

/** Radix's context menu and dropdown menu have the same parts; pick one set. */
const PARTS = {
  context: { Item: ContextMenu.Item, CheckboxItem: ContextMenu.CheckboxItem, Separator: ContextMenu.Separator, Indicator: ContextMenu.ItemIndicator },
  dropdown: { Item: DropdownMenu.Item, CheckboxItem: DropdownMenu.CheckboxItem, Separator: DropdownMenu.Separator, Indicator: DropdownMenu.ItemIndicator },
} as const;

export function MenuEntries({ entries, flavour }: { readonly entries: readonly MenuEntry[]; readonly flavour: keyof typeof PARTS }): React.JSX.Element {
  const { Item, CheckboxItem, Separator, Indicator } = PARTS[flavour];
  return (
    <>
      {entries.map((entry) => {
        switch (entry.kind) {
          case 'action':
            return (
              <Item key={entry.testId} className={entry.danger === true ? 'menu-item danger-text' : 'menu-item'} data-testid={entry.testId} disabled={entry.disabled ?? false} onSelect={entry.run}>
                {entry.label}
              </Item>
            );
          case 'check':
            return (
              <CheckboxItem key={entry.testId} className="menu-item menu-check" data-testid={entry.testId} checked={entry.checked} onCheckedChange={entry.toggle}>
                <span className="menu-tick" aria-hidden="true"><Indicator>✓</Indicator></span>
                {entry.label}
              </CheckboxItem>
            );
          case 'separator':
            return <Separator key={entry.key} className="menu-separator" />;
        }
      })}
    </>
  );
}
