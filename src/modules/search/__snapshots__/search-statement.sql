WITH hits AS MATERIALIZED ((SELECT *, row_number() OVER () AS rn FROM (SELECT $1::text AS type, o.id, (o.search_text = $2) AS exact, (ts_rank(o.search_vector, $3::tsquery))::float8 AS pre, o.kind, o.province_nis AS province, o.nace_sections AS nace, o.size_class AS size, o.id AS org_id FROM organisations o WHERE o.search_vector @@ $4::tsquery  LIMIT $5) x)
    UNION ALL
    (SELECT $6::text AS type, o.id, (o.search_text = $7) AS exact, (ts_rank(o.search_vector, $8::tsquery))::float8 AS pre, o.kind, o.province_nis AS province, o.nace_sections AS nace, o.size_class AS size, o.id AS org_id, $9::bigint FROM organisations o WHERE o.search_text = $10  LIMIT 5) UNION ALL (SELECT *, row_number() OVER () AS rn FROM (SELECT $11::text AS type, p.id, ((p.search_name = $12
      OR (p.search_name LIKE $13 AND length(p.acronym) = $14))) AS exact, (ts_rank(p.search_vector, $15::tsquery))::float8 AS pre, NULL::text AS kind, NULL::text AS province, NULL::text[] AS nace, NULL::text AS size, NULL::int AS org_id FROM projects p WHERE p.search_vector @@ $16::tsquery AND ("p"."labelled_on" is not null or "p"."source" <> $17) LIMIT $18) x)
    UNION ALL
    (SELECT $19::text AS type, p.id, ((p.search_name = $20
      OR (p.search_name LIKE $21 AND length(p.acronym) = $22))) AS exact, (ts_rank(p.search_vector, $23::tsquery))::float8 AS pre, NULL::text AS kind, NULL::text AS province, NULL::text[] AS nace, NULL::text AS size, NULL::int AS org_id, $24::bigint FROM projects p WHERE (p.search_name = $25 OR p.search_name LIKE $26) AND ("p"."labelled_on" is not null or "p"."source" <> $27) LIMIT 5)),
    -- the counted set (an exact match found past the cap is a candidate, not counted)
    all_counted AS (SELECT * FROM hits WHERE rn <= $28),
    counted AS MATERIALIZED (SELECT * FROM all_counted WHERE $29::text IS NULL OR type = $30::text),
    -- the candidates in pre-score order, as deep as the page needs (an exact name past the cap
    -- once, even when its own lookup found it again)
    ordered AS MATERIALIZED (
      SELECT h.type, h.id, row_number() OVER (ORDER BY h.exact DESC, h.pre DESC, h.id, h.type COLLATE "C") AS prerank
      FROM hits h
      WHERE (h.rn <= $31 OR (h.exact AND (h.rn = $32 OR NOT EXISTS (
          SELECT 1 FROM hits d WHERE d.type = h.type AND d.id = h.id AND d.rn <= $33))))
        AND ($34::text IS NULL OR h.type = $35::text)
      ORDER BY h.exact DESC, h.pre DESC, h.id, h.type COLLATE "C" LIMIT $36
    ),
    scored AS (SELECT w.type, w.id, w.prerank, (CASE WHEN o.search_text = $37 THEN 10 ELSE 0 END + ts_rank_cd(o.search_vector, $38::tsquery, 32)
    + 0.5 * word_similarity($39::text, o.search_text))::float8 AS score
    FROM ordered w JOIN organisations o ON w.type = $40::text AND o.id = w.id WHERE w.prerank <= $41 UNION ALL SELECT w.type, w.id, w.prerank, (CASE WHEN (p.search_name = $42
      OR (p.search_name LIKE $43 AND length(p.acronym) = $44)) THEN 10 ELSE 0 END + ts_rank_cd(p.search_vector, $45::tsquery, 32)
    + 0.5 * word_similarity($46::text, p.search_name))::float8 AS score
    FROM ordered w JOIN projects p ON w.type = $47::text AND p.id = w.id WHERE w.prerank <= $48),
    page AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY tier, score DESC, prerank) AS pos, type, id FROM (
        SELECT type, id, 0 AS tier, score, prerank FROM scored
        UNION ALL
        SELECT type, id, 1, NULL::float8, prerank FROM ordered WHERE prerank > $49
      ) t ORDER BY tier, score DESC, prerank LIMIT $50 OFFSET $51
    ),
    items AS (SELECT pg.pos, pg.type, pg.id, (CASE WHEN o.search_text = $52 THEN 10 ELSE 0 END + ts_rank_cd(o.search_vector, $53::tsquery, 32)
    + 0.5 * word_similarity($54::text, o.search_text))::float8 AS score, o.name AS title,
      ts_headline('public.polaris_fr'::regconfig, coalesce(nullif(o.description, ''), public.polaris_join(o.keywords)), $55::tsquery, $56) AS snippet
    FROM page pg JOIN organisations o ON pg.type = $57::text AND o.id = pg.id UNION ALL SELECT pg.pos, pg.type, pg.id, (CASE WHEN (p.search_name = $58
      OR (p.search_name LIKE $59 AND length(p.acronym) = $60)) THEN 10 ELSE 0 END + ts_rank_cd(p.search_vector, $61::tsquery, 32)
    + 0.5 * word_similarity($62::text, p.search_name))::float8 AS score, p.acronym || ' — ' || p.title AS title,
      ts_headline('public.polaris_fr'::regconfig, coalesce(nullif(p.summary, ''), public.polaris_join(p.keywords)), $63::tsquery, $64) AS snippet
    FROM page pg JOIN projects p ON pg.type = $65::text AND p.id = pg.id),
    facets AS (
      SELECT 'type' AS f, type AS k, count(*)::int AS n FROM all_counted GROUP BY type
      UNION ALL
      -- GROUPING(...) has a 0 bit for the column its grouping set keeps
      SELECT CASE GROUPING(kind, province, size) WHEN 3 THEN 'kind' WHEN 5 THEN 'province' ELSE 'size' END,
        coalesce(kind, province, size), count(*)::int
      FROM counted GROUP BY GROUPING SETS ((kind), (province), (size))
      UNION ALL
      SELECT 'naceSection', section, count(*)::int FROM counted, unnest(counted.nace) AS section GROUP BY section
      UNION ALL
      -- networks: current memberships of the (person's) organisation, the networks of a project
      SELECT 'network', nw.slug, count(*)::int FROM (
        SELECT m.network_id FROM counted f JOIN memberships m ON m.organisation_id = f.org_id
          AND m.joined_on <= $66::date AND (m.left_on IS NULL OR m.left_on >= $67::date)
        UNION ALL
        SELECT pn.network_id FROM counted f JOIN project_networks pn ON f.type = 'project' AND pn.project_id = f.id
      ) x JOIN networks nw ON nw.id = x.network_id GROUP BY nw.slug
    )
    SELECT
      (SELECT count(*)::int FROM counted) AS total,
      EXISTS (SELECT 1 FROM hits WHERE rn = $68
        AND ($69::text IS NULL OR type = $70::text)) AS capped,
      (SELECT json_agg(json_build_object('type', type, 'id', id, 'title', title, 'snippet', snippet, 'score', score)
        ORDER BY pos) FROM items) AS items,
      (SELECT json_agg(json_build_object('f', f, 'k', k, 'n', n)) FROM facets WHERE k IS NOT NULL) AS facets
