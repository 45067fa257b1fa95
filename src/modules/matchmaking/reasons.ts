import type { Component } from '../../analytics/matchmaking/score.ts';
import type { Bilingual } from '../../domain/eligibility/index.ts';
import { isSme } from '../../domain/eligibility/index.ts';
import { kindNoun } from '../../domain/eligibility/words.ts';
import type { OrganisationKind } from '../../domain/organisation.ts';
import type { SizeClass } from '../../domain/size-class.ts';

/**
 * Reasons in French and English. Each reason names one part of one score component, and its
 * weight is that part's contribution to the score (weight × part value), so the reasons of an
 * item add up to its score.
 */

export const REASON_CODES = [
  'text',
  'complementarity',
  'partners',
  'neighbours',
  'network',
  'track_record',
  'novelty',
  'same_kind',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The breakdown component each reason explains. */
export const REASON_COMPONENT: Record<Exclude<ReasonCode, 'same_kind'>, Component> = {
  text: 'text',
  complementarity: 'complementarity',
  partners: 'proximity',
  neighbours: 'proximity',
  network: 'proximity',
  track_record: 'trackRecord',
  novelty: 'novelty',
};

export interface Reason {
  code: ReasonCode;
  message: Bilingual;
  weight: number;
}

const FR_NUMBERS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const frN = (n: number) => FR_NUMBERS[n] ?? String(n);
const enN = (n: number) => EN_NUMBERS[n] ?? String(n);

function list(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const quoteFr = (s: string) => `« ${s} »`;
const quoteEn = (s: string) => `“${s}”`;

export function textReason(words: readonly string[], fromProjects: boolean, weight: number): Reason {
  const fr = `Travaille sur ${list(words.map(quoteFr), 'et')}${fromProjects ? ' (dans ses projets)' : ''}`;
  const en = `Works on ${list(words.map(quoteEn), 'and')}${fromProjects ? ' (in its projects)' : ''}`;
  return { code: 'text', message: { fr, en }, weight };
}

/** "Une PME", "Un centre de recherche" — what the candidate is, for the rules. */
function category(kind: string, sizeClass: string | null): Bilingual {
  if (isSme(kind as OrganisationKind, sizeClass as SizeClass | null)) return { fr: 'Une PME', en: 'An SME' };
  const noun = kindNoun(kind as OrganisationKind) ?? kindNoun('other');
  const fr = `${noun.fr[2] ? 'Une' : 'Un'} ${noun.fr[0]}`;
  const en = `${/^[aeiou]/.test(noun.en[0]) ? 'An' : 'A'} ${noun.en[0]}`;
  return { fr, en };
}

export function complementarityReason(
  kind: string,
  sizeClass: string | null,
  rules: readonly Bilingual[],
  weight: number,
): Reason {
  const c = category(kind, sizeClass);
  return {
    code: 'complementarity',
    message: {
      fr: `${c.fr}, ce que l'appel exige (${rules.map((r) => r.fr).join(' ; ')})`,
      en: `${c.en}, which the call requires (${rules.map((r) => r.en).join('; ')})`,
    },
    weight,
  };
}

export function partnersReason(names: readonly string[], weight: number): Reason {
  const n = names.length;
  const shown = list(names.slice(0, 3), 'et');
  const shownEn = list(names.slice(0, 3), 'and');
  return {
    code: 'partners',
    message: {
      fr:
        n === 1
          ? `A travaillé avec l'un de vos partenaires (${shown})`
          : `A travaillé avec ${frN(n)} de vos partenaires (${shown}${n > 3 ? '…' : ''})`,
      en:
        n === 1
          ? `Has worked with one of your partners (${shownEn})`
          : `Has worked with ${enN(n)} of your partners (${shownEn}${n > 3 ? '…' : ''})`,
    },
    weight,
  };
}

export function neighboursReason(via: readonly string[], weight: number): Reason {
  return {
    code: 'neighbours',
    message: {
      fr: `Proche de votre consortium : a travaillé avec des partenaires de vos partenaires (${list(via, 'et')})`,
      en: `Close to your consortium: has worked with your partners' partners (${list(via, 'and')})`,
    },
    weight,
  };
}

export function networkReason(networks: readonly string[], weight: number): Reason {
  return {
    code: 'network',
    message: { fr: `Membre de ${list(networks, 'et')}`, en: `Member of ${list(networks, 'and')}` },
    weight,
  };
}

export function trackRecordReason(projects: number, weight: number): Reason {
  return {
    code: 'track_record',
    message: {
      fr: `A participé à ${projects} projet${projects > 1 ? 's' : ''} public${projects > 1 ? 's' : ''} (labellisés ou européens)`,
      en: `Took part in ${projects} public project${projects > 1 ? 's' : ''} (labelled or European)`,
    },
    weight,
  };
}

export function noveltyReason(projects: number, weight: number): Reason {
  return {
    code: 'novelty',
    message:
      projects === 0
        ? {
            fr: 'Nouveau venu : aucun projet public jusqu’ici',
            en: 'Newcomer: no public project so far',
          }
        : {
            fr: `Peu sollicité : ${projects} projet${projects > 1 ? 's' : ''} public${projects > 1 ? 's' : ''} jusqu’ici`,
            en: `Seldom asked: ${projects} public project${projects > 1 ? 's' : ''} so far`,
          },
    weight,
  };
}

export function sameKindReason(kind: string, weight: number): Reason {
  const noun = kindNoun(kind as OrganisationKind) ?? kindNoun('other');
  return {
    code: 'same_kind',
    message: {
      fr: `Même type d'organisation (${noun.fr[0]})`,
      en: `Same kind of organisation (${noun.en[0]})`,
    },
    weight,
  };
}
