/**
 * Texts of the defences against hostile or unlucky input: refused characters, too many failed
 * sign-ins, the database being away. French first; English is typed after it.
 */
export const hardeningFr = {
  'error.invalid_text': 'Le texte contient un caractère nul (\\u0000), refusé : retirez-le et réessayez.',
  'error.too_many_attempts': 'Trop de tentatives d’identification échouées ; réessayez dans {seconds} s.',
  'error.service_unavailable': 'Le service est momentanément indisponible ; réessayez dans une minute.',
  'web.unavailable.title': 'Service momentanément indisponible',
  'chat.unavailable': 'Le service est momentanément indisponible ; réessayez dans une minute.',
};

export const hardeningEn: Record<keyof typeof hardeningFr, string> = {
  'error.invalid_text': 'The text holds a NUL character (\\u0000), which is refused: remove it and try again.',
  'error.too_many_attempts': 'Too many failed sign-in attempts; try again in {seconds} s.',
  'error.service_unavailable': 'The service is unavailable for a moment; try again in a minute.',
  'web.unavailable.title': 'Service unavailable for a moment',
  'chat.unavailable': 'The service is unavailable for a moment; try again in a minute.',
};
