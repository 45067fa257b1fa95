import { PROJECT_TYPE_LABELS } from '../project.ts';

/** Display labels (fr, en) of the breakdown values the indicators use. */

export const KIND_LABELS: Record<string, { fr: string; en: string }> = {
  enterprise: { fr: 'Entreprises', en: 'Companies' },
  university: { fr: 'Universités', en: 'Universities' },
  university_college: { fr: 'Hautes écoles', en: 'University colleges' },
  research_centre: { fr: 'Centres de recherche', en: 'Research centres' },
  training_operator: { fr: 'Opérateurs de formation', en: 'Training operators' },
  public_body: { fr: 'Pouvoirs publics', en: 'Public bodies' },
  association: { fr: 'Associations', en: 'Associations' },
  other: { fr: 'Autres', en: 'Others' },
};

export const SIZE_LABELS: Record<string, { fr: string; en: string }> = {
  micro: { fr: 'Micro-entreprises', en: 'Micro' },
  small: { fr: 'Petites entreprises', en: 'Small' },
  medium: { fr: 'Moyennes entreprises', en: 'Medium' },
  large: { fr: 'Grandes entreprises', en: 'Large' },
  unknown: { fr: 'Taille inconnue', en: 'Unknown size' },
  not_enterprise: { fr: 'Pas une entreprise', en: 'Not a company' },
};

export const TYPE_LABELS: Record<string, { fr: string; en: string }> = PROJECT_TYPE_LABELS;

export const UNKNOWN_LABEL = { fr: 'Inconnu', en: 'Unknown' };

/** Belgian provinces (and Brussels) by NIS code, French names. */
export const PROVINCE_NAMES: Record<string, string> = {
  '04000': 'Région de Bruxelles-Capitale',
  '10000': 'Anvers',
  '20001': 'Brabant flamand',
  '20002': 'Brabant wallon',
  '30000': 'Flandre occidentale',
  '40000': 'Flandre orientale',
  '50000': 'Hainaut',
  '60000': 'Liège',
  '70000': 'Limbourg',
  '80000': 'Luxembourg',
  '90000': 'Namur',
};
