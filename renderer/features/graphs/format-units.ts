import { formatBytes, formatKiB } from '../../components/format';

export const formatPercent = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} %`;
export const formatKiBValue = (v: number): string => formatKiB(v);
export const formatRate = (v: number): string => `${formatBytes(v)}/s`;
