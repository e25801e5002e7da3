/**
 * Collectivities with departmental powers (blueprint Appendix A) and regions (Appendix B).
 * Value = INSEE COG code of the collectivity; the region is the 2016 INSEE region it
 * belongs to, used to coarsen `dept_code` to region when a cell is too small (§5).
 */

export interface Collectivity {
  code: string;
  name: string;
  region: string;
}

export interface Region {
  code: string;
  name: string;
}

export const REGIONS: readonly Region[] = [
  { code: 'reg_11', name: 'Île-de-France' },
  { code: 'reg_24', name: 'Centre-Val de Loire' },
  { code: 'reg_27', name: 'Bourgogne-Franche-Comté' },
  { code: 'reg_28', name: 'Normandie' },
  { code: 'reg_32', name: 'Hauts-de-France' },
  { code: 'reg_44', name: 'Grand Est' },
  { code: 'reg_52', name: 'Pays de la Loire' },
  { code: 'reg_53', name: 'Bretagne' },
  { code: 'reg_75', name: 'Nouvelle-Aquitaine' },
  { code: 'reg_76', name: 'Occitanie' },
  { code: 'reg_84', name: 'Auvergne-Rhône-Alpes' },
  { code: 'reg_93', name: "Provence-Alpes-Côte d'Azur" },
  { code: 'reg_94', name: 'Corse' },
  { code: 'reg_01', name: 'Guadeloupe' },
  { code: 'reg_02', name: 'Martinique' },
  { code: 'reg_03', name: 'Guyane' },
  { code: 'reg_04', name: 'La Réunion' },
  { code: 'reg_06', name: 'Mayotte' },
];

const ARA = 'reg_84', BFC = 'reg_27', BRE = 'reg_53', CVL = 'reg_24', GE = 'reg_44', HDF = 'reg_32';
const IDF = 'reg_11', NOR = 'reg_28', NA = 'reg_75', OCC = 'reg_76', PDL = 'reg_52', PACA = 'reg_93';

function c(code: string, name: string, region: string): Collectivity {
  return { code, name, region };
}

export const COLLECTIVITIES: readonly Collectivity[] = [
  c('01D', 'Ain', ARA), c('02D', 'Aisne', HDF), c('03D', 'Allier', ARA),
  c('04D', 'Alpes-de-Haute-Provence', PACA), c('05D', 'Hautes-Alpes', PACA), c('06D', 'Alpes-Maritimes', PACA),
  c('07D', 'Ardèche', ARA), c('08D', 'Ardennes', GE), c('09D', 'Ariège', OCC), c('10D', 'Aube', GE),
  c('11D', 'Aude', OCC), c('12D', 'Aveyron', OCC), c('13D', 'Bouches-du-Rhône', PACA), c('14D', 'Calvados', NOR),
  c('15D', 'Cantal', ARA), c('16D', 'Charente', NA), c('17D', 'Charente-Maritime', NA), c('18D', 'Cher', CVL),
  c('19D', 'Corrèze', NA), c('20R', 'Collectivité de Corse', 'reg_94'), c('21D', "Côte-d'Or", BFC),
  c('22D', "Côtes-d'Armor", BRE), c('23D', 'Creuse', NA), c('24D', 'Dordogne', NA), c('25D', 'Doubs', BFC),
  c('26D', 'Drôme', ARA), c('27D', 'Eure', NOR), c('28D', 'Eure-et-Loir', CVL), c('29D', 'Finistère', BRE),
  c('30D', 'Gard', OCC), c('31D', 'Haute-Garonne', OCC), c('32D', 'Gers', OCC), c('33D', 'Gironde', NA),
  c('34D', 'Hérault', OCC), c('35D', 'Ille-et-Vilaine', BRE), c('36D', 'Indre', CVL), c('37D', 'Indre-et-Loire', CVL),
  c('38D', 'Isère', ARA), c('39D', 'Jura', BFC), c('40D', 'Landes', NA), c('41D', 'Loir-et-Cher', CVL),
  c('42D', 'Loire', ARA), c('43D', 'Haute-Loire', ARA), c('44D', 'Loire-Atlantique', PDL), c('45D', 'Loiret', CVL),
  c('46D', 'Lot', OCC), c('47D', 'Lot-et-Garonne', NA), c('48D', 'Lozère', OCC), c('49D', 'Maine-et-Loire', PDL),
  c('50D', 'Manche', NOR), c('51D', 'Marne', GE), c('52D', 'Haute-Marne', GE), c('53D', 'Mayenne', PDL),
  c('54D', 'Meurthe-et-Moselle', GE), c('55D', 'Meuse', GE), c('56D', 'Morbihan', BRE), c('57D', 'Moselle', GE),
  c('58D', 'Nièvre', BFC), c('59D', 'Nord', HDF), c('60D', 'Oise', HDF), c('61D', 'Orne', NOR),
  c('62D', 'Pas-de-Calais', HDF), c('63D', 'Puy-de-Dôme', ARA), c('64D', 'Pyrénées-Atlantiques', NA),
  c('65D', 'Hautes-Pyrénées', OCC), c('66D', 'Pyrénées-Orientales', OCC),
  c('6AE', "Collectivité européenne d'Alsace", GE), c('69D', 'Rhône (département)', ARA), c('69M', 'Métropole de Lyon', ARA),
  c('70D', 'Haute-Saône', BFC), c('71D', 'Saône-et-Loire', BFC), c('72D', 'Sarthe', PDL), c('73D', 'Savoie', ARA),
  c('74D', 'Haute-Savoie', ARA), c('75C', 'Ville de Paris', IDF), c('76D', 'Seine-Maritime', NOR),
  c('77D', 'Seine-et-Marne', IDF), c('78D', 'Yvelines', IDF), c('79D', 'Deux-Sèvres', NA), c('80D', 'Somme', HDF),
  c('81D', 'Tarn', OCC), c('82D', 'Tarn-et-Garonne', OCC), c('83D', 'Var', PACA), c('84D', 'Vaucluse', PACA),
  c('85D', 'Vendée', PDL), c('86D', 'Vienne', NA), c('87D', 'Haute-Vienne', NA), c('88D', 'Vosges', GE),
  c('89D', 'Yonne', BFC), c('90D', 'Territoire de Belfort', BFC), c('91D', 'Essonne', IDF),
  c('92D', 'Hauts-de-Seine', IDF), c('93D', 'Seine-Saint-Denis', IDF), c('94D', 'Val-de-Marne', IDF),
  c('95D', "Val-d'Oise", IDF), c('971D', 'Guadeloupe', 'reg_01'), c('972R', 'Martinique', 'reg_02'),
  c('973R', 'Guyane', 'reg_03'), c('974D', 'La Réunion', 'reg_04'), c('976R', 'Mayotte', 'reg_06'),
];

/** Region of a collectivity code, or undefined for an unknown code. */
export function regionOf(code: string): string | undefined {
  return COLLECTIVITIES.find((col) => col.code === code)?.region;
}
