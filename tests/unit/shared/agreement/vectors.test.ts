/**
 * Every expected value in ../shared/agreement/vectors/*.json, reproduced to the precision the
 * file states: its `tolerance` for published values, and half a unit of the last given digit
 * for values the file lists to more digits (derived values, irrCAC/irr output).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bootstrapKrippendorffAlpha, computeBrennanPrediger, computeCohenKappa, computeCongerKappa,
  computeContingencyAgreement, computeFleissKappa, computeGeneralizedFleissKappa, computeGwetAc1,
  computeKrippendorffAlpha, computeLightKappa, computeNvivoComparison, computePercentAgreement,
  computeScottPi, computeUnitizedAlpha, transposeCoderRows, type Rating, type ValuedUnit,
} from '../../../../shared/agreement/index.ts';

const VECTORS = fileURLToPath(new URL('../../../../../shared/agreement/vectors/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (name: string): any => JSON.parse(readFileSync(`${VECTORS}${name}.json`, 'utf8'));

/** |actual − expected| ≤ tolerance, with a readable failure. */
function near(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(actual, `expected ≈ ${expected}`).not.toBeNull();
  expect(Math.abs(actual! - expected), `${actual} vs ${expected} (± ${tolerance})`).toBeLessThanOrEqual(tolerance);
}

/** Half a unit in the last decimal the value is written with (e.g. 0.090909 → 5e-7). */
function lastDigit(expected: number): number {
  const decimals = (String(expected).split('.')[1] ?? '').length;
  return 0.5 * 10 ** -decimals + 1e-15;
}

describe('the vectors folder', () => {
  it('resolves to /work/shared/agreement/vectors and holds the ten files this suite reads', () => {
    expect(VECTORS.replace(/\\/g, '/')).toMatch(/shared\/agreement\/vectors\/$/);
    expect(readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()).toEqual([
      'binary_2coders_10units_atlasti_krippendorff2004.json',
      'brennan_prediger1981_examples.json',
      'cohen1960_examples.json',
      'fleiss1971_irr_diagnoses_6raters_30subjects.json',
      'hand_checkable_small_cases.json',
      'krippendorff2004_p246_kappa_marginal_paradox.json',
      'krippendorff_reliability_data_4coders_12units.json',
      'krippendorff_wikipedia_3coders_15units.json',
      'nvivo_coding_comparison_1000chars.json',
      'ualpha2016_krippendorff2019_fig12_11_3observers.json',
    ]);
  });
});

describe('binary_2coders_10units_atlasti_krippendorff2004', () => {
  const v = load('binary_2coders_10units_atlasti_krippendorff2004');
  const data = transposeCoderRows([v.coder1, v.coder2]);
  const t = v.tolerance as number;

  it('reproduces percent agreement .6 and α .095 with Do .400, De .442', () => {
    near(computePercentAgreement(data).value, v.expected.percent_agreement, t);
    const alpha = computeKrippendorffAlpha(data, 'nominal');
    near(alpha.value, v.expected.alpha_nominal, t);
    near(alpha.observedDisagreement, v.expected.alpha_Do, t);
    near(alpha.expectedDisagreement, v.expected.alpha_De, t);
  });

  it("matches ATLAS.ti's stated 56 % chance agreement (1 − De, to the 2 digits it prints)", () => {
    const De = computeKrippendorffAlpha(data).expectedDisagreement!;
    expect(Math.round((1 - De) * 100) / 100).toBe(v.expected.atlasti_stated_chance_agreement);
  });

  it('reproduces the derived Cohen κ, Cohen Pe and Scott π to their 6 digits', () => {
    const d = v.expected.derived_not_published;
    near(computeCohenKappa(data).value, d.cohen_kappa, lastDigit(d.cohen_kappa));
    near(computeScottPi(data).value, d.scott_pi, lastDigit(d.scott_pi));
    const table = [[0, 0], [0, 0]];
    v.coder1.forEach((a: number, i: number) => table[a]![v.coder2[i]]!++);
    near(computeContingencyAgreement(table).cohenChance, d.cohen_pe, lastDigit(d.cohen_pe));
  });
});

describe('brennan_prediger1981_examples', () => {
  const v = load('brennan_prediger1981_examples');
  for (const c of v.cases) {
    it(`${c.name}: Po, Cohen Pe and κ, B–P Pe and κ`, () => {
      const r = computeContingencyAgreement(c.table);
      near(r.percentAgreement, c.expected.po, v.tolerance);
      near(r.cohenChance, c.expected.cohen_pe, v.tolerance);
      near(r.cohenKappa.value, c.expected.cohen_kappa, v.tolerance);
      near(r.brennanPredigerChance, c.expected.bp_pe, v.tolerance);
      near(r.brennanPrediger.value, c.expected.brennan_prediger_kappa, v.tolerance);
    });
  }
});

describe('cohen1960_examples', () => {
  const v = load('cohen1960_examples');
  const [p37, p45] = v.cases;

  it('p.37: Po .29, Pe .35, derived κ −.092308 and AC1 −.04797', () => {
    const r = computeContingencyAgreement(p37.table);
    near(r.percentAgreement, p37.expected.po, v.tolerance['po/pe']);
    near(r.cohenChance, p37.expected.pe, v.tolerance['po/pe']);
    near(r.cohenKappa.value, p37.expected.derived_kappa, lastDigit(p37.expected.derived_kappa));
    const ac1 = p37.expected['gwet_ac1(irrCAC via DKPro fixture)'];
    near(r.gwetAc1.value, ac1, lastDigit(ac1));
  });

  it('p.45: Po .70, Pe .41, κ .492 and AC1 .57597', () => {
    const r = computeContingencyAgreement(p45.table);
    near(r.percentAgreement, p45.expected.po, v.tolerance['po/pe']);
    near(r.cohenChance, p45.expected.pe, v.tolerance['po/pe']);
    near(r.cohenKappa.value, p45.expected.kappa, v.tolerance.kappa);
    const ac1 = p45.expected['gwet_ac1(irrCAC via DKPro fixture)'];
    near(r.gwetAc1.value, ac1, lastDigit(ac1));
  });
});

describe('fleiss1971_irr_diagnoses_6raters_30subjects', () => {
  const v = load('fleiss1971_irr_diagnoses_6raters_30subjects');
  const e = v.expected;
  const data = v.units as number[][];
  const ten = v.tolerance['10-digit values'] as number;
  const short = v.tolerance['3-4 digit values'] as number;

  it('reproduces κ .4302445201, P̄ .5556 and Pe .2201', () => {
    const f = computeFleissKappa(data);
    near(f.value, e.fleiss_kappa, ten);
    near(f.observed, e.fleiss_Pbar, short);
    near(f.chance, e.fleiss_Pe, short);
  });

  it('reproduces z 17.65183058 to its 8 decimals', () => {
    near(computeFleissKappa(data).z, e.fleiss_z, Math.max(ten, lastDigit(e.fleiss_z)));
  });

  it('reproduces the per-category κ of Fleiss (1971)', () => {
    const categories = computeFleissKappa(data).categories;
    for (const [category, kappa] of Object.entries(e.fleiss_category_kappa)) {
      near(categories[category]!.value, kappa as number, short);
    }
  });

  it("reproduces irr's Conger (exact) and Light κ, Fleiss κ of raters 1–4 and pairwise Cohen κ", () => {
    near(computeCongerKappa(data).value, e['conger_exact_kappa(irr kappam.fleiss exact=TRUE)'], ten);
    near(computeLightKappa(data).value, e['light_kappa(irr kappam.light)'], ten);
    near(computeFleissKappa(data.map((row) => row.slice(0, 4))).value, e.fleiss_kappa_raters_1_to_4, ten);
    const c23 = e['cohen_kappa_raters_2_3(irr kappa2(diagnoses[,2:3]))'];
    near(computeCohenKappa(data, 1, 2).value, c23, Math.max(ten, lastDigit(c23)));
    near(computeCohenKappa(data, 0, 1).value, e.cohen_kappa_raters_1_2, ten);
  });

  it('reproduces the all-raters-agree percentage 16.66666667 (irr agree)', () => {
    const all = e['percent_all_raters_agree(irr agree)'];
    near(100 * computePercentAgreement(data, 'all-agree').value!, all, Math.max(ten, lastDigit(all)));
  });
});

describe('hand_checkable_small_cases', () => {
  const v = load('hand_checkable_small_cases');
  const byName = (name: string) => v.cases.find((c: { name: string }) => c.name === name);
  const table = (coders: Record<string, Rating[]>) => transposeCoderRows(Object.values(coders));

  it('cohen 2x4: Po .75, κ .5, α 8/15', () => {
    const c = byName('cohen 2x4');
    const data = table(c.coders);
    expect(computePercentAgreement(data).value).toBeCloseTo(c.expected.percent_agreement, 12);
    expect(computeCohenKappa(data).value).toBeCloseTo(c.expected.cohen_kappa, 12);
    expect(computeKrippendorffAlpha(data).value).toBeCloseTo(c.expected.alpha_nominal, 12);
  });

  it('fleiss 3 coders x 3 units: κ .55', () => {
    const c = byName('fleiss 3 coders x 3 units');
    expect(computeFleissKappa(table(c.coders)).value).toBeCloseTo(c.expected.fleiss_kappa, 12);
  });

  it('prevalence paradox: Po .75 yet κ 0 and α 0; AC1 .68; B–P .5 (q = 2) and 2/3 (q = 4)', () => {
    const c = byName('prevalence paradox');
    const data = table(c.coders);
    expect(computePercentAgreement(data).value).toBeCloseTo(c.expected.percent_agreement, 12);
    expect(computeCohenKappa(data).value).toBeCloseTo(c.expected.cohen_kappa, 12);
    expect(computeGwetAc1(data).value).toBeCloseTo(c.expected.gwet_ac1, 12);
    expect(computeBrennanPrediger(data, { categories: 2 }).value).toBeCloseTo(c.expected.brennan_prediger_q2, 12);
    expect(computeBrennanPrediger(data, { categories: 4 }).value).toBeCloseTo(c.expected.brennan_prediger_q4, 12);
    expect(computeKrippendorffAlpha(data).value).toBeCloseTo(c.expected.derived_alpha_nominal, 12);
  });

  it('no variation: Po 1, while κ, Fleiss κ and α are undefined (null with a reason), never 0 or 1', () => {
    const c = byName('no variation');
    const data = table(c.coders);
    expect(computePercentAgreement(data).value).toBe(c.expected.percent_agreement);
    for (const coefficient of [computeCohenKappa(data), computeFleissKappa(data), computeKrippendorffAlpha(data)]) {
      expect(coefficient.value).toBeNull();
      expect(coefficient.reason).toMatch(/\w/);
    }
  });

  it('missing value ignored by α: 4/9, equal to α of the first three units', () => {
    const c = byName('missing value ignored by alpha');
    const data = table(c.coders);
    expect(computeKrippendorffAlpha(data).value).toBeCloseTo(c.expected.alpha_nominal, 12);
    expect(computeKrippendorffAlpha(data.slice(0, 3)).value).toBeCloseTo(c.expected.alpha_nominal, 12);
  });
});

describe('krippendorff2004_p246_kappa_marginal_paradox', () => {
  const v = load('krippendorff2004_p246_kappa_marginal_paradox');
  for (const name of ['4a', '4b'] as const) {
    it(`table ${name}: Po, Bennett's S (q = 3), Scott's π and Cohen's κ`, () => {
      const r = computeContingencyAgreement(v.tables[name]);
      const e = v.expected[name];
      near(r.percentAgreement, e.percent_agreement, v.tolerance);
      near(r.brennanPrediger.value, e.bennett_S_q3, v.tolerance);
      near(r.scottPi.value, e.scott_pi, v.tolerance);
      near(r.cohenKappa.value, e.cohen_kappa, v.tolerance);
    });
  }
});

describe('krippendorff_reliability_data_4coders_12units', () => {
  const v = load('krippendorff_reliability_data_4coders_12units');
  const e = v.expected;
  const data = transposeCoderRows(v.reliability_data);
  const irr = v.tolerance['irrCAC values'] as number;

  it('reproduces α at all four levels to 1e-9', () => {
    near(computeKrippendorffAlpha(data, 'nominal').value, e.alpha_nominal, v.tolerance['alpha_*']);
    near(computeKrippendorffAlpha(data, 'ordinal').value, e.alpha_ordinal, v.tolerance['alpha_*']);
    near(computeKrippendorffAlpha(data, 'interval').value, e.alpha_interval, v.tolerance['alpha_*']);
    near(computeKrippendorffAlpha(data, 'ratio').value, e.alpha_ratio, v.tolerance['alpha_*']);
  });

  it('reproduces Do/De (nominal .200/.779, interval .433/2.872) and n = 40 pairable values', () => {
    const nominal = computeKrippendorffAlpha(data, 'nominal');
    const interval = computeKrippendorffAlpha(data, 'interval');
    near(nominal.observedDisagreement, e.alpha_nominal_Do, v.tolerance['Do/De']);
    near(nominal.expectedDisagreement, e.alpha_nominal_De, v.tolerance['Do/De']);
    near(interval.observedDisagreement, e.alpha_interval_Do, v.tolerance['Do/De']);
    near(interval.expectedDisagreement, e.alpha_interval_De, v.tolerance['Do/De']);
    expect(nominal.pairableValues).toBe(e.pairable_values_n);
  });

  it('gives the two percent agreements that differ with missing values: .800 (pairable values) and .8181818 (pairwise)', () => {
    near(computePercentAgreement(data, 'pairable-values').value, e['percent_agreement_pairable_values(Krippendorff/DKPro)'], v.tolerance['Do/De']);
    near(computePercentAgreement(data, 'pairwise').value, e['percent_agreement_mean_pairwise_per_unit(Gwet irrCAC pa.coeff.raw)'], irr);
  });

  it("reproduces irrCAC's AC1, generalised Fleiss κ and Brennan–Prediger (q = 5)", () => {
    near(computeGwetAc1(data).value, e['gwet_ac1(irrCAC)'], irr);
    near(computeGeneralizedFleissKappa(data).value, e['fleiss_kappa_gwet_generalized_missing(irrCAC)'], irr);
    near(computeBrennanPrediger(data).value, e['brennan_prediger_q5(irrCAC)'], irr);
  });

  it("reproduces irrCAC's Conger κ .76282 on irrCAC's copy of the data (cac.raw4raters)", () => {
    // irrCAC's cac.raw4raters puts unit 12's lone value (3) under rater 3, not rater 2. Unit 12
    // is not pairable, so α, AC1, Fleiss and B–P do not notice; Conger's κ uses each rater's own
    // marginals and does (with the layout above it gives 0.762067).
    const irrLayout = data.map((row) => [...row]);
    irrLayout[11] = [null, null, 3, null];
    near(computeCongerKappa(irrLayout).value, e['conger_kappa(irrCAC)'], irr);
    near(computeGwetAc1(irrLayout).value, e['gwet_ac1(irrCAC)'], irr);
  });

  it('brackets α with a reproducible bootstrap 95 % interval', () => {
    const first = bootstrapKrippendorffAlpha(data, 'nominal', { samples: 2000, seed: 7 });
    const again = bootstrapKrippendorffAlpha(data, 'nominal', { samples: 2000, seed: 7 });
    expect(again).toEqual(first);
    expect(first.lower!).toBeLessThan(e.alpha_nominal);
    expect(first.upper!).toBeGreaterThan(e.alpha_nominal);
  });
});

describe('krippendorff_wikipedia_3coders_15units', () => {
  const v = load('krippendorff_wikipedia_3coders_15units');
  const data = transposeCoderRows(v.reliability_data);
  it('reproduces α nominal .691358 and interval .810845', () => {
    near(computeKrippendorffAlpha(data, 'nominal').value, v.expected.alpha_nominal, v.tolerance);
    near(computeKrippendorffAlpha(data, 'interval').value, v.expected.alpha_interval, v.tolerance);
  });
});

describe('nvivo_coding_comparison_1000chars', () => {
  const v = load('nvivo_coding_comparison_1000chars');
  it("reproduces NVivo's published 85 % agreement and the derived κ for each split of the 150", () => {
    for (const split of v.derived_not_published) {
      const r = computeNvivoComparison({ total: v.TU, both: v.both, aOnly: split.a_only, bOnly: split.b_only });
      expect(r.percentAgreement.value).toBeCloseTo(v.expected.percent_agreement, 12);
      expect(r.percentAgreement.value).toBeCloseTo(split.percent_agreement, 12);
      near(r.kappa.value, split.derived_kappa, lastDigit(split.derived_kappa));
    }
  });
});

describe('ualpha2016_krippendorff2019_fig12_11_3observers', () => {
  const v = load('ualpha2016_krippendorff2019_fig12_11_3observers');
  const coders: Record<string, ValuedUnit[]> = {};
  for (const [name, units] of Object.entries(v.observers_units_1based_inclusive as Record<string, [number, number, string][]>)) {
    // 1-based inclusive [s, e] → half-open [s − 1, e); adjacent same-value units stay separate.
    coders[name] = units.map(([s, e, value]) => ({ start: s - 1, end: e, value }));
  }
  const result = computeUnitizedAlpha({ length: v.continuum_length, coders });

  it('reproduces the book: uα .510, |uα .413, cuα .724', () => {
    near(result.uAlpha.value, v.expected_book.u_alpha_nominal, v.tolerance.u);
    near(result.binaryUAlpha.value, v.expected_book.bar_u_alpha_binary, v.tolerance.bar_u);
    near(result.cuAlpha.value, v.expected_book.cu_alpha_nominal, v.tolerance.cu);
  });

  it('reproduces the full-precision reference values to their 6 decimals', () => {
    const c = v.computed_here_full_precision;
    near(result.uAlpha.value, c.u_alpha, lastDigit(c.u_alpha));
    near(result.binaryUAlpha.value, c.bar_u_alpha, lastDigit(c.bar_u_alpha));
    near(result.cuAlpha.value, c.cu_alpha, lastDigit(c.cu_alpha));
    near(result.cuCoverage, c['cu_coverage(valued intersections / all pairable)'], 5e-7);
    for (const [value, k] of Object.entries(c.k_u_alpha as Record<string, number>)) near(result.byValue[value]!.uAlpha.value, k, 5e-7);
    near(result.byValue['5']!.coverage, c.value_5_coverage, 5e-7);
    near(result.byValue['7']!.coverage, c.value_7_coverage, 5e-7);
  });

  it('leaves (7)uα undefined: no unit of value 7 meets another valued unit', () => {
    expect(result.byValue['7']!.uAlpha.value).toBeNull();
    expect(result.byValue['7']!.uAlpha.reason).toMatch(/overlaps/);
  });

  it('gives .5125 instead of .510 when adjacent same-value units are merged (why they stay separate)', () => {
    const merged: Record<string, ValuedUnit[]> = {};
    for (const [name, units] of Object.entries(coders)) {
      merged[name] = [];
      for (const unit of units) {
        const last = merged[name].at(-1);
        if (last && last.end === unit.start && last.value === unit.value) last.end = unit.end;
        else merged[name].push({ ...unit });
      }
    }
    near(computeUnitizedAlpha({ length: v.continuum_length, coders: merged }).uAlpha.value, 0.5125, 0.0005);
  });
});
