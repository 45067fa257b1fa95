import { type Kysely, sql } from 'kysely';

/**
 * Full-text search over organisations, projects and people (issue 6), the same on PGlite 0.5
 * (PostgreSQL 18) and PostgreSQL 15.
 *
 * Text search configurations: `polaris_fr`, `polaris_en`, `polaris_nl` copy the built-in french,
 * english and dutch configurations (Snowball stemmers, present in both builds) and put the
 * `unaccent` filtering dictionary in front of the stemmer for the token types that can carry
 * accents (`word`, `hword`, `hword_part`; ASCII tokens have none). `to_tsvector('french', …)`
 * alone is accent-sensitive ("énergie" ≠ "energie"); with the filter, "Énergie", "ENERGIE" and
 * "énergies" all become the lexeme `energ`. `polaris_simple` (unaccent + simple, no stemming)
 * indexes people's names.
 *
 * Document vectors are STORED generated columns (always in step with the row, whatever writes
 * it: API, importers, COPY): weight A for names, acronyms and titles, B for keywords, C for
 * descriptions and summaries. Each text is indexed with the French, English and Dutch
 * configurations (`polaris_tsv`): French first, and an English or Dutch description — or a
 * query in English or Dutch — still matches on its own stems. The query side (polaris_tsquery)
 * ORs the three stems of every query word, so the three copies never make a document match a
 * word it does not contain in some language's sense.
 *
 * A generated column may only call IMMUTABLE functions. `to_tsvector(regconfig, text)` is
 * immutable (the dictionaries are part of the configuration), but `unaccent(text)` is STABLE
 * (it reads the search path to find its dictionary) and `array_to_string` is STABLE: the
 * standard trick is an IMMUTABLE SQL wrapper that names its dictionary explicitly
 * (`polaris_unaccent`) and one for joining keyword arrays (`polaris_join`; text[] output does not
 * depend on any setting). Everything is schema-qualified (`public.`) so a restore, which runs
 * with an empty search path, recomputes the columns identically.
 *
 * NACE labels are not indexed: they live in another table, which a generated column cannot read
 * (the `nace` filter and facet cover sectors).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, base, stem] of [
    ['polaris_fr', 'french', 'french_stem'],
    ['polaris_en', 'english', 'english_stem'],
    ['polaris_nl', 'dutch', 'dutch_stem'],
    ['polaris_simple', 'simple', 'simple'],
  ] as const) {
    await sql.raw(`CREATE TEXT SEARCH CONFIGURATION public.${name} (COPY = pg_catalog.${base})`).execute(db);
    await sql
      .raw(
        `ALTER TEXT SEARCH CONFIGURATION public.${name} ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.${stem}`,
      )
      .execute(db);
  }

  await sql`
    CREATE FUNCTION public.polaris_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  await sql`
    CREATE FUNCTION public.polaris_join(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$`.execute(db);
  await sql`
    CREATE FUNCTION public.polaris_tsv(text, "char") RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(
      to_tsvector('public.polaris_fr'::regconfig, coalesce($1, ''))
      || to_tsvector('public.polaris_en'::regconfig, coalesce($1, ''))
      || to_tsvector('public.polaris_nl'::regconfig, coalesce($1, '')), $2) $$`.execute(db);

  /**
   * The query: one group per query word, its variants separated by spaces ("materiaux materiau").
   * A group is the OR of every variant's French, English and Dutch stem; groups are ANDed. A word
   * that is a stop word in any of the three languages ("des", "the", "van") is dropped, so one
   * language's stop word does not match every document through another's stemmer.
   */
  await sql`
    CREATE FUNCTION public.polaris_tsquery(groups text[]) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
    DECLARE
      g text; v text; first boolean; gq tsquery; fr tsquery; en tsquery; nl tsquery;
      q tsquery := NULL;
    BEGIN
      FOREACH g IN ARRAY coalesce(groups, '{}') LOOP
        gq := NULL; first := true;
        FOREACH v IN ARRAY string_to_array(g, ' ') LOOP
          fr := plainto_tsquery('public.polaris_fr'::regconfig, v);
          en := plainto_tsquery('public.polaris_en'::regconfig, v);
          nl := plainto_tsquery('public.polaris_nl'::regconfig, v);
          IF numnode(fr) = 0 OR numnode(en) = 0 OR numnode(nl) = 0 THEN
            EXIT WHEN first;
            CONTINUE;
          END IF;
          first := false;
          gq := CASE WHEN gq IS NULL THEN fr || en || nl ELSE gq || fr || en || nl END;
        END LOOP;
        IF gq IS NOT NULL THEN
          q := CASE WHEN q IS NULL THEN gq ELSE q && gq END;
        END IF;
      END LOOP;
      RETURN coalesce(q, ''::tsquery);
    END $$`.execute(db);

  // Organisations: a plain column kept by a trigger rather than a generated column, so the
  // embedded bulk import can load rows with triggers off and index them for full text right after
  // its transaction (refreshOrganisationSearch): three stemmers per field cost more than the rest
  // of a 100,000-row import. Until then, names are still found by trigram.
  await sql`
    CREATE FUNCTION public.polaris_organisation_vector(name text, keywords text[], description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT public.polaris_tsv(name, 'A') || public.polaris_tsv(public.polaris_join(keywords), 'B')
      || public.polaris_tsv(description, 'C') $$`.execute(db);
  await sql`ALTER TABLE organisations ADD COLUMN search_vector tsvector`.execute(db);
  await sql`
    CREATE FUNCTION public.organisations_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := public.polaris_organisation_vector(NEW.name, NEW.keywords, NEW.description);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER organisations_search_vector BEFORE INSERT OR UPDATE OF name, keywords, description
    ON organisations FOR EACH ROW EXECUTE FUNCTION public.organisations_search_vector()`.execute(db);
  await sql`UPDATE organisations SET search_vector = public.polaris_organisation_vector(name, keywords, description)`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_search_vector_idx ON organisations USING gin (search_vector)`.execute(
    db,
  );

  await sql`
    ALTER TABLE projects ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      public.polaris_tsv(acronym || ' ' || title, 'A') || public.polaris_tsv(public.polaris_join(keywords), 'B')
      || public.polaris_tsv(summary, 'C')
    ) STORED`.execute(db);
  // projects.search_text is not always the title (CORDIS rows store their reference there)
  await sql`
    ALTER TABLE projects ADD COLUMN search_name text GENERATED ALWAYS AS (
      public.polaris_unaccent(lower(acronym || ' ' || title))
    ) STORED`.execute(db);
  await sql`CREATE INDEX projects_search_vector_idx ON projects USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX projects_search_name_trgm_idx ON projects USING gin (search_name gin_trgm_ops)`.execute(
    db,
  );

  await sql`
    ALTER TABLE people ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('public.polaris_simple'::regconfig, first_name || ' ' || last_name), 'A')
      || public.polaris_tsv(job_title, 'B')
    ) STORED`.execute(db);
  await sql`
    ALTER TABLE people ADD COLUMN search_name text GENERATED ALWAYS AS (
      public.polaris_unaccent(lower(first_name || ' ' || last_name))
    ) STORED`.execute(db);
  // autocomplete by prefix: a btree range scan stops after the first few names
  await sql`CREATE INDEX organisations_search_text_prefix_idx ON organisations (search_text text_pattern_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX projects_search_name_prefix_idx ON projects (search_name text_pattern_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX people_search_vector_idx ON people USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX people_search_name_trgm_idx ON people USING gin (search_name gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS organisations_search_vector ON organisations`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.organisations_search_vector()`.execute(db);
  await sql`ALTER TABLE organisations DROP COLUMN IF EXISTS search_vector`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.polaris_organisation_vector(text, text[], text)`.execute(db);
  await sql`ALTER TABLE people DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS search_name`.execute(
    db,
  );
  await sql`ALTER TABLE projects DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS search_name`.execute(
    db,
  );
  await sql`ALTER TABLE organisations DROP COLUMN IF EXISTS search_vector`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.polaris_tsquery(text[])`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.polaris_tsv(text, "char")`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.polaris_join(text[])`.execute(db);
  await sql`DROP FUNCTION IF EXISTS public.polaris_unaccent(text)`.execute(db);
  for (const name of ['polaris_fr', 'polaris_en', 'polaris_nl', 'polaris_simple']) {
    await sql.raw(`DROP TEXT SEARCH CONFIGURATION IF EXISTS public.${name}`).execute(db);
  }
}
