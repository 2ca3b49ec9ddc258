/**
 * The dialogs the first view does not need, each fetched the first time it opens: the
 * domain details (CodeMirror's XML view, its graphs, the consoles' doors), the New VM
 * assistant (CodeMirror's editor), clone and delete. They would otherwise be most of the
 * main chunk, parsed before any host is shown.
 */
import { lazy } from 'react';

export const DomainDetailsDialog = lazy(() => import('./features/domains/DomainDetailsDialog').then((m) => ({ default: m.DomainDetailsDialog })));
export const NewVmDialog = lazy(() => import('./features/new-vm/NewVmDialog').then((m) => ({ default: m.NewVmDialog })));
export const CloneDomainDialog = lazy(() => import('./features/domain-storage/CloneDomainDialog').then((m) => ({ default: m.CloneDomainDialog })));
export const DeleteDomainDialog = lazy(() => import('./features/domain-storage/DeleteDomainDialog').then((m) => ({ default: m.DeleteDomainDialog })));
