// How an item reached the office. Pure data: statistics, exports and the year summary group by it.

/** ONLINE: the resident submitted it themselves; the others were recorded by staff (代录). */
export const INTAKE_CHANNELS = ['ONLINE', 'COUNTER', 'PHONE', 'LETTER', 'HOTLINE_12345'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** Channels staff record on a resident's behalf. */
export const RECORDED_CHANNELS = INTAKE_CHANNELS.filter((c) => c !== 'ONLINE') as Exclude<IntakeChannel, 'ONLINE'>[];

export const CHANNEL_LABELS: Readonly<Record<IntakeChannel, string>> = {
  ONLINE: '网上提交',
  COUNTER: '窗口代录',
  PHONE: '电话代录',
  LETTER: '来信代录',
  HOTLINE_12345: '12345转办',
};

export function channelLabel(key: string): string {
  return Object.hasOwn(CHANNEL_LABELS, key) ? CHANNEL_LABELS[key as IntakeChannel] : key;
}
