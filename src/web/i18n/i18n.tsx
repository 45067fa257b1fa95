import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  formatDate,
  formatEuro,
  formatNumber,
  formatPercent,
  type Lang,
  LOCALES,
  parseNumber,
} from './format.ts';
import { de } from './messages-de.ts';
import { en } from './messages-en.ts';
import { fr, type MessageKey, type Messages } from './messages-fr.ts';
import { nl } from './messages-nl.ts';

export type { Lang } from './format.ts';
export type { MessageKey } from './messages-fr.ts';

export const LANGS: readonly Lang[] = ['fr', 'en', 'nl', 'de'];
/** Languages offered in the switch (every catalogue is complete: messages.test.ts). */
export const LISTED_LANGS: readonly Lang[] = ['fr', 'nl', 'de', 'en'];
export const LANG_NAMES: Record<Lang, string> = {
  fr: 'Français',
  en: 'English',
  nl: 'Nederlands',
  de: 'Deutsch',
};

/** Each catalogue is complete; French stays behind the others in case a key ever slips through. */
const CATALOGUES: Record<Lang, Partial<Messages>[]> = {
  fr: [fr],
  en: [en, fr],
  nl: [nl, fr],
  de: [de, fr],
};

/** The catalogues by language, for the completeness test. */
export const MESSAGES: Record<Lang, Messages> = { fr, en, nl, de };

const STORAGE_KEY = 'polaris.lang';

function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage may be disabled: French by default
  }
  return 'fr';
}

export type Vars = Record<string, string | number>;

/** Look a key up in `lang`, falling back along its chain, and fill `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  let text: string = key;
  for (const cat of CATALOGUES[lang]) {
    const found = cat[key];
    if (found !== undefined) {
      text = found;
      break;
    }
  }
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export interface I18n {
  lang: Lang;
  locale: string;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** a key built at run time (kind.enterprise…): the key itself when unknown */
  tx: (key: string, vars?: Vars) => string;
  num: (n: number | null | undefined, digits?: number) => string;
  pct: (share: number | null | undefined) => string;
  eur: (n: number | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  parseNum: (text: string) => number;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      window.localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not kept across visits when storage is disabled
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const none = translate(lang, 'common.none');
    return {
      lang,
      locale: LOCALES[lang],
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tx: (key, vars) => (key in fr ? translate(lang, key as MessageKey, vars) : key),
      num: (n, digits) => (n == null ? none : formatNumber(lang, n, digits)),
      pct: (s) => (s == null ? none : formatPercent(lang, s)),
      eur: (n) => (n == null ? none : formatEuro(lang, n)),
      date: (iso) => (iso ? formatDate(lang, iso) : none),
      parseNum: parseNumber,
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
