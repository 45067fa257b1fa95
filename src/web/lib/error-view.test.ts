import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { translate } from '../i18n/i18n.tsx';
import { describeError } from './error-view.ts';

const fr = (key: Parameters<typeof translate>[1]) => translate('fr', key);
const de = (key: Parameters<typeof translate>[1]) => translate('de', key);
const answer = (status: number, code: string, error: string, details: unknown[] = []) =>
  new ApiError(status, { error, code, details });

describe('server errors in the user’s language', () => {
  it('translates the headline of a validation error and keeps the server’s details', () => {
    const e = answer(400, 'validation_failed', 'Invalid organisation', [
      { path: 'enterpriseNumber', message: '0123.456.789 fails the mod-97 check' },
      { path: '', message: 'something else' },
    ]);
    expect(describeError(fr, e)).toEqual({
      headline: 'Certaines données ne sont pas valides.',
      details: ['enterpriseNumber: 0123.456.789 fails the mod-97 check', 'something else'],
    });
    expect(describeError(de, e).headline).toBe('Einige Angaben sind ungültig.');
  });

  it('keeps the server’s sentence when a conflict or a rejected import has no details', () => {
    const e = answer(409, 'conflict', 'Membership overlaps the period from 2019-01-01');
    expect(describeError(fr, e)).toEqual({
      headline: 'Cela entre en conflit avec des données déjà enregistrées.',
      details: ['Membership overlaps the period from 2019-01-01'],
    });
    expect(describeError(fr, answer(422, 'import_rejected', 'Import rejected: 2 problem(s)')).headline).toBe(
      'Import refusé : rien n’a été enregistré.',
    );
  });

  it('says 401, 403 and 404 in one translated sentence', () => {
    expect(describeError(fr, answer(401, 'unauthenticated', 'Authentication required'))).toEqual({
      headline: 'Connectez-vous pour faire cela.',
      details: [],
    });
    expect(describeError(fr, answer(403, 'forbidden', 'You are not allowed to people write here'))).toEqual({
      headline: 'Vous n’avez pas le droit de faire cela.',
      details: [],
    });
    expect(describeError(fr, answer(404, 'not_found', 'Person 9 not found')).details).toEqual([]);
  });

  it('falls back on the status, then on the server’s words for an unknown code', () => {
    expect(describeError(fr, new ApiError(500, 'oops')).headline).toBe(
      'Le serveur a rencontré une erreur. Réessayez plus tard.',
    );
    expect(describeError(fr, answer(413, 'FST_REQ_FILE_TOO_LARGE', 'request file too large'))).toEqual({
      headline: 'La demande n’a pas abouti.',
      details: ['request file too large'],
    });
  });

  it('recognises a network failure', () => {
    expect(describeError(fr, new TypeError('Failed to fetch')).headline).toBe(
      'Le serveur ne répond pas. Vérifiez votre connexion.',
    );
    expect(describeError(fr, new ApiError(0, null)).headline).toBe(
      'Le serveur ne répond pas. Vérifiez votre connexion.',
    );
  });
});
