import type { NetworkKind } from '../../domain/organisation.ts';

/**
 * The Walloon poles and clusters of the demo. The 6 poles are real (names, domains, founding
 * years from public sources). Of the 7 clusters, five are named in public sources; the last two
 * are illustrative (`illustrative: true`): earlier Walloon clusters covered these domains, but
 * the present recognised set could not be established here.
 */
export interface DemoNetwork {
  slug: string;
  kind: NetworkKind;
  name: string;
  acronym: string | null;
  domain: string;
  descriptionFr: string;
  descriptionEn: string;
  website: string | null;
  recognisedFrom: string;
  illustrative: boolean;
  /** NACE-BEL subclasses typical of the members (demo generation) */
  nace: string[];
  /** name stems for generated member names */
  stems: string[];
  /** relative size of the membership */
  weight: number;
}

export const DEMO_NETWORKS: DemoNetwork[] = [
  {
    slug: 'biowin',
    kind: 'pole',
    name: 'BioWin',
    acronym: 'BioWin',
    domain: 'Biotechnologies et santé',
    descriptionFr:
      'Pôle de compétitivité santé de Wallonie : biotechnologies, médicaments, dispositifs médicaux.',
    descriptionEn: 'The health competitiveness pole of Wallonia: biotechnology, medicines, medical devices.',
    website: 'https://www.biowin.org',
    recognisedFrom: '2006-07-01',
    illustrative: false,
    nace: ['21100', '72110', '32500', '72190'],
    stems: ['Bio', 'Gen', 'Cell', 'Pharma', 'Medi', 'Immuno', 'Thera', 'Vita'],
    weight: 1.3,
  },
  {
    slug: 'greenwin',
    kind: 'pole',
    name: 'GreenWin',
    acronym: 'GreenWin',
    domain: 'Chimie verte et matériaux durables',
    descriptionFr:
      'Pôle de compétitivité de la chimie verte, des matériaux durables et de l’économie circulaire.',
    descriptionEn:
      'Competitiveness pole for green chemistry, sustainable materials and the circular economy.',
    website: 'https://www.greenwin.be',
    recognisedFrom: '2011-01-01',
    illustrative: false,
    nace: ['20140', '20160', '20590', '22210', '23610'],
    stems: ['Chem', 'Poly', 'Eco', 'Carbo', 'Verde', 'Circul', 'Mater'],
    weight: 0.9,
  },
  {
    slug: 'logistics-in-wallonia',
    kind: 'pole',
    name: 'Logistics in Wallonia',
    acronym: 'LiW',
    domain: 'Transport, logistique et mobilité',
    descriptionFr: 'Pôle de compétitivité transport, logistique et mobilité.',
    descriptionEn: 'Competitiveness pole for transport, logistics and mobility.',
    website: 'https://www.logisticsinwallonia.be',
    recognisedFrom: '2006-07-01',
    illustrative: false,
    nace: ['49410', '52100', '52290', '53200', '49200'],
    stems: ['Trans', 'Logi', 'Cargo', 'Hub', 'Fret', 'Route', 'Rail'],
    weight: 1.0,
  },
  {
    slug: 'mecatech',
    kind: 'pole',
    name: 'MecaTech',
    acronym: 'MecaTech',
    domain: 'Génie mécanique',
    descriptionFr:
      'Pôle de compétitivité du génie mécanique : fabrication avancée, matériaux, usine du futur.',
    descriptionEn:
      'Competitiveness pole for mechanical engineering: advanced manufacturing, materials, factory of the future.',
    website: 'https://www.polemecatech.be',
    recognisedFrom: '2006-07-01',
    illustrative: false,
    nace: ['28990', '25620', '28410', '33120', '27900'],
    stems: ['Meca', 'Metal', 'Indus', 'Tool', 'Robo', 'Precis', 'Forge'],
    weight: 1.2,
  },
  {
    slug: 'skywin',
    kind: 'pole',
    name: 'Skywin',
    acronym: 'Skywin',
    domain: 'Aéronautique et spatial',
    descriptionFr: 'Pôle de compétitivité aéronautique et spatial de Wallonie.',
    descriptionEn: 'The aeronautics and space competitiveness pole of Wallonia.',
    website: 'https://www.skywin.be',
    recognisedFrom: '2006-07-01',
    illustrative: false,
    nace: ['30300', '33160', '25620', '71121', '51210'],
    stems: ['Aero', 'Avia', 'Orbit', 'Space', 'Wing', 'Jet', 'Astra'],
    weight: 1.1,
  },
  {
    slug: 'wagralim',
    kind: 'pole',
    name: 'Wagralim',
    acronym: 'Wagralim',
    domain: 'Agro-industrie',
    descriptionFr: 'Pôle de compétitivité agro-industriel de Wallonie : alimentation, nutrition, procédés.',
    descriptionEn: 'The agri-food competitiveness pole of Wallonia: food, nutrition, processing.',
    website: 'https://www.wagralim.be',
    recognisedFrom: '2006-07-01',
    illustrative: false,
    nace: ['10110', '10860', '10890', '11050', '01110'],
    stems: ['Agri', 'Nutri', 'Food', 'Terra', 'Grain', 'Lacto', 'Saveur'],
    weight: 1.2,
  },
  {
    slug: 'tweed',
    kind: 'cluster',
    name: 'Cluster TWEED',
    acronym: 'TWEED',
    domain: 'Énergie durable',
    descriptionFr:
      'Cluster des technologies wallonnes de l’énergie durable (Technology of Wallonia Energy, Environment and sustainable Development).',
    descriptionEn: 'Cluster for sustainable-energy technologies in Wallonia.',
    website: 'https://clustertweed.be',
    recognisedFrom: '2008-01-01',
    illustrative: false,
    nace: ['35110', '35140', '71121', '27900'],
    stems: ['Energ', 'Sol', 'Volt', 'Hydro', 'Wind', 'Therm'],
    weight: 0.6,
  },
  {
    slug: 'h2o',
    kind: 'cluster',
    name: 'Cluster H2O',
    acronym: 'H2O',
    domain: 'Eau',
    descriptionFr: 'Cluster wallon de l’eau, animé par la même asbl que TWEED.',
    descriptionEn: 'The Walloon water cluster, run by the same non-profit as TWEED.',
    website: null,
    recognisedFrom: '2022-01-01',
    illustrative: false,
    nace: ['36000', '37000', '71121'],
    stems: ['Aqua', 'Hydro', 'Flux', 'Source', 'Rive'],
    weight: 0.3,
  },
  {
    slug: 'infopole',
    kind: 'cluster',
    name: 'Infopôle Cluster TIC',
    acronym: 'Infopôle',
    domain: 'Numérique (TIC)',
    descriptionFr: 'Cluster des technologies de l’information et de la communication.',
    descriptionEn: 'Cluster for information and communication technologies.',
    website: null,
    recognisedFrom: '2007-01-01',
    illustrative: false,
    nace: ['62010', '62020', '63110', '58290'],
    stems: ['Data', 'Soft', 'Net', 'Cloud', 'Digi', 'Cyber', 'Logic'],
    weight: 0.8,
  },
  {
    slug: 'eco-construction',
    kind: 'cluster',
    name: 'Cluster Eco-construction',
    acronym: 'Eco-construction',
    domain: 'Construction écologique',
    descriptionFr: 'Cluster de l’éco-construction : matériaux et techniques de construction durables.',
    descriptionEn: 'Green building cluster: sustainable building materials and techniques.',
    website: null,
    recognisedFrom: '2007-01-01',
    illustrative: false,
    nace: ['41201', '43320', '16230', '71111'],
    stems: ['Bati', 'Bois', 'Eco', 'Habitat', 'Paille', 'Terre'],
    weight: 0.5,
  },
  {
    slug: 'cap-construction',
    kind: 'cluster',
    name: 'CAP Construction',
    acronym: 'CAP',
    domain: 'Construction durable',
    descriptionFr: 'Cluster de la construction durable (anciennement CAP 2020).',
    descriptionEn: 'Sustainable construction cluster (formerly CAP 2020).',
    website: null,
    recognisedFrom: '2012-01-01',
    illustrative: false,
    nace: ['41201', '43999', '23610', '71121'],
    stems: ['Construct', 'Beton', 'Struct', 'Renov', 'Chantier'],
    weight: 0.5,
  },
  {
    slug: 'auto-mobilite',
    kind: 'cluster',
    name: 'Cluster Auto-mobilité (illustratif)',
    acronym: 'Auto-mobilité',
    domain: 'Automobile et mobilité',
    descriptionFr:
      'Cluster illustratif : des clusters wallons ont couvert l’auto-mobilité ; nom et faits non établis.',
    descriptionEn:
      'Illustrative cluster: Walloon clusters have covered auto-mobility; name and facts not established.',
    website: null,
    recognisedFrom: '2010-01-01',
    illustrative: true,
    nace: ['29100', '29320', '45111'],
    stems: ['Auto', 'Moto', 'Mobil', 'Drive', 'Motor'],
    weight: 0.3,
  },
  {
    slug: 'nutrition-sante',
    kind: 'cluster',
    name: 'Cluster Nutrition et santé (illustratif)',
    acronym: 'Nutrition',
    domain: 'Nutrition',
    descriptionFr:
      'Cluster illustratif : des clusters wallons ont couvert la nutrition ; nom et faits non établis.',
    descriptionEn:
      'Illustrative cluster: Walloon clusters have covered nutrition; name and facts not established.',
    website: null,
    recognisedFrom: '2010-01-01',
    illustrative: true,
    nace: ['10860', '10890', '72190'],
    stems: ['Nutri', 'Vital', 'Diet', 'Sante', 'Bio'],
    weight: 0.3,
  },
];
