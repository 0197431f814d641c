/** Texts of the cards (keys `cards.*`), French first; English is typed after it so none is missing. */
export const cardsFr = {} as const;

export const cardsEn: Record<keyof typeof cardsFr, string> = {};
