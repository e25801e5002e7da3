/**
 * Rough sizes and settlement profiles of the collectivities, used only to make synthetic
 * respondents realistic: départements of very unequal size, from nearly all-urban
 * (Paris, petite couronne, Métropole de Lyon) to very rural (Lozère, Creuse).
 * Populations are approximate (thousands of inhabitants, early 2020s, rounded); they
 * are not published figures and must never feed a real analysis.
 */

export type SettlementProfile = 'metro' | 'urban' | 'mixed' | 'rural' | 'very_rural';

/** Approximate population in thousands, by collectivity code. */
export const POPULATION_K: Readonly<Record<string, number>> = {
  '01D': 660, '02D': 530, '03D': 335, '04D': 165, '05D': 140, '06D': 1100, '07D': 330, '08D': 270, '09D': 155,
  '10D': 310, '11D': 375, '12D': 280, '13D': 2040, '14D': 700, '15D': 145, '16D': 350, '17D': 660, '18D': 300,
  '19D': 240, '20R': 345, '21D': 535, '22D': 600, '23D': 115, '24D': 415, '25D': 545, '26D': 520, '27D': 600,
  '28D': 430, '29D': 915, '30D': 750, '31D': 1420, '32D': 190, '33D': 1650, '34D': 1180, '35D': 1100, '36D': 220,
  '37D': 610, '38D': 1270, '39D': 260, '40D': 415, '41D': 330, '42D': 765, '43D': 227, '44D': 1450, '45D': 680,
  '46D': 174, '47D': 330, '48D': 76, '49D': 820, '50D': 495, '51D': 565, '52D': 172, '53D': 307, '54D': 733,
  '55D': 184, '56D': 760, '57D': 1045, '58D': 204, '59D': 2610, '60D': 830, '61D': 280, '62D': 1460, '63D': 660,
  '64D': 690, '65D': 230, '66D': 480, '6AE': 1900, '69D': 460, '69M': 1420, '70D': 235, '71D': 550, '72D': 565,
  '73D': 440, '74D': 830, '75C': 2130, '76D': 1250, '77D': 1430, '78D': 1450, '79D': 375, '80D': 570, '81D': 390,
  '82D': 260, '83D': 1080, '84D': 560, '85D': 690, '86D': 440, '87D': 370, '88D': 360, '89D': 335, '90D': 140,
  '91D': 1300, '92D': 1620, '93D': 1650, '94D': 1410, '95D': 1250, '971D': 385, '972R': 360, '973R': 285,
  '974D': 870, '976R': 300,
};

const METRO = new Set(['75C', '92D', '93D', '94D', '69M']);
const URBAN = new Set(['13D', '59D', '06D', '91D', '95D', '78D', '33D', '31D', '6AE', '44D', '34D', '38D', '57D', '62D', '76D', '83D', '974D', '35D', '54D', '971D', '972R']);
const VERY_RURAL = new Set(['48D', '23D', '15D', '46D', '32D', '12D', '43D', '09D', '04D', '05D', '52D', '55D', '58D', '19D', '36D', '61D', '70D', '39D', '03D', '24D', '08D']);

/** Settlement profile of a collectivity (explicit lists, else by size). */
export function settlementProfile(code: string): SettlementProfile {
  if (METRO.has(code)) return 'metro';
  if (URBAN.has(code)) return 'urban';
  if (VERY_RURAL.has(code)) return 'very_rural';
  return (POPULATION_K[code] ?? 0) >= 500 ? 'mixed' : 'rural';
}

/** Share of respondents working in urban / periurban / rural sectors, by profile. */
export const TERRITORY_MIX: Readonly<Record<SettlementProfile, { urban: number; periurban: number; rural: number }>> = {
  metro: { urban: 0.94, periurban: 0.05, rural: 0.01 },
  urban: { urban: 0.62, periurban: 0.22, rural: 0.16 },
  mixed: { urban: 0.4, periurban: 0.3, rural: 0.3 },
  rural: { urban: 0.22, periurban: 0.28, rural: 0.5 },
  very_rural: { urban: 0.12, periurban: 0.18, rural: 0.7 },
};

/** Rough national count of social workers in polyvalence (blueprint §6.1: 13,000–16,000). */
const SYNTHETIC_NATIONAL_POPULATION = 14_500;

/**
 * A margins CSV (`dept_code,population`) of synthetic social-worker populations,
 * proportional to the approximate inhabitants: what an organiser would upload for live
 * returns, for the demo only.
 */
export function syntheticMarginsCsv(): string {
  const total = Object.values(POPULATION_K).reduce((a, b) => a + b, 0);
  const lines = Object.entries(POPULATION_K).map(([code, k]) => `${code},${Math.max(1, Math.round((k / total) * SYNTHETIC_NATIONAL_POPULATION))}`);
  return `dept_code,population\n${lines.join('\n')}\n`;
}
