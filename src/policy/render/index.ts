import type { PolicyModel } from '../model.ts';
export function renderPolicy(_p: PolicyModel, _f: 'md' | 'html'): string { return ''; }
