/** Texts of the chat (keys `chat.*`), French first; English is typed after it so none is missing. */
export const chatFr = {} as const;

export const chatEn: Record<keyof typeof chatFr, string> = {};
