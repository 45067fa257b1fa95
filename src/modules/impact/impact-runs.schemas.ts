import { z } from 'zod';

/**
 * The parameters of an impact run, as the API takes them. Defaults are filled here, so the stored
 * parameters (and the reuse key built from them) are complete: a report can print every one.
 */

const year = z.number().int().min(1990).max(2100);

export const ESTIMATORS = ['attgt', 'did', 'twfe', 'matching'] as const;
export const OUTCOMES = ['fte', 'valueAdded', 'turnover', 'exports'] as const;
export const COVARIATES = ['size', 'sector'] as const;

export type Outcome = (typeof OUTCOMES)[number];

/**
 * Who is treated, and from when (treatment.service.ts): `any` (first year in any pole or
 * cluster), `pole`, `cluster`, `network:<slug>`, `project` (first labelled project) or `column`
 * (the panel file's treatment column).
 */
export const treatmentSchema = z
  .string()
  .regex(
    /^(any|pole|cluster|project|column|network:[a-z0-9-]+)$/,
    'any, pole, cluster, network:<slug>, project or column',
  )
  .default('any');

export const runParameters = z
  .object({
    estimator: z
      .enum(ESTIMATORS)
      .describe(
        'attgt: Callaway & Sant’Anna staggered DiD with event study; did: 2×2 regression DiD; twfe: two-way fixed effects; matching: DiD on a matched sample',
      ),
    outcome: z
      .enum(OUTCOMES)
      .default('fte')
      .describe('fte (full-time equivalent employment), valueAdded, turnover, exports'),
    log: z
      .boolean()
      .default(true)
      .describe('take the outcome in logs (firms with a zero or missing value are left out)'),
    treatment: treatmentSchema,
    control: z
      .enum(['never', 'notyet'])
      .default('never')
      .describe('comparison firms: never treated, or not yet treated (attgt)'),
    method: z
      .enum(['dr', 'ipw', 'reg'])
      .default('dr')
      .describe('doubly robust, inverse probability weighting, or outcome regression (attgt)'),
    covariates: z
      .array(z.enum(COVARIATES))
      .max(COVARIATES.length)
      .default([])
      .describe('size class (FTE < 50, 50–249, ≥ 250) and sector (NACE division), read at the base period'),
    bootstrap: z
      .number()
      .int()
      .min(0)
      .max(20_000)
      .default(999)
      .describe('multiplier bootstrap draws for the simultaneous band (0: pointwise only)'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(20071),
    alpha: z.number().min(0.001).max(0.5).default(0.05).describe('1 − confidence level'),
    period: z
      .object({ from: year, to: year })
      .refine((p) => p.from < p.to, { message: 'from must be before to', path: ['to'] })
      .optional()
      .describe('first and last year of the panel used (default: every year the panel holds)'),
    sectors: z
      .array(
        z
          .string()
          .regex(/^([A-U]|\d{2}(\.?\d{1,3})?)$/, 'a NACE section letter (C) or a code prefix (21, 25.62)'),
      )
      .min(1)
      .max(100)
      .default(['C'])
      .describe('regional industry: NACE sections or code prefixes (default C, manufacturing)'),
    region: z
      .enum(['wallonia', 'all'])
      .default('wallonia')
      .describe('firms located in Wallonia, or anywhere'),
    provinces: z
      .array(z.string().regex(/^\d{5}$/, 'a province NIS code'))
      .max(10)
      .default([])
      .describe('narrow the region to these provinces'),
    matching: z
      .object({
        method: z
          .enum(['mahalanobis', 'propensity'])
          .default('propensity')
          .describe('nearest neighbours by Mahalanobis distance, or on the propensity score'),
        neighbours: z.number().int().min(1).max(10).default(1),
        caliper: z
          .number()
          .positive()
          .max(10)
          .nullable()
          .default(null)
          .describe(
            'propensity: largest score difference, in standard deviations of the score (Austin 2011: 0.2)',
          ),
      })
      .default({ method: 'propensity', neighbours: 1, caliper: null })
      .describe('matching options (estimator matching; the first-year outcome is always matched on)'),
  })
  .strict();

export type RunParameters = z.infer<typeof runParameters>;

export const runParams = z.object({ id: z.coerce.number().int().positive() });

export const runsQuery = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const EXPORT_TABLES = ['attgt', 'dynamic', 'group', 'calendar', 'balance', 'overall'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  table: z.enum(EXPORT_TABLES).default('dynamic'),
});
