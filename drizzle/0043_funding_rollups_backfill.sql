-- Backfills station_funding_rollups set-based, every station and year with a budget, spending
-- or a payment share: the figures of funding.repo.ts perStationSet (payments shared equally
-- among a contract's stations, the remainder to the first by region path). From here on the
-- writes keep the rows (funding.rollup.ts).
INSERT INTO "station_funding_rollups" ("station_id", "year", "b_province", "b_city", "b_county", "b_social",
  "s_staff", "s_activities", "s_training", "s_office", "s_publicity", "s_other", "budget_fen", "spent_fen", "paid_fen")
WITH b AS (
  SELECT station_id, year,
    sum(amount_fen) FILTER (WHERE source = 'province') AS b_province,
    sum(amount_fen) FILTER (WHERE source = 'city') AS b_city,
    sum(amount_fen) FILTER (WHERE source = 'county') AS b_county,
    sum(amount_fen) FILTER (WHERE source = 'social') AS b_social,
    sum(amount_fen) AS budget_fen
  FROM station_budgets GROUP BY station_id, year
),
sp AS (
  SELECT station_id, extract(year FROM spent_on)::int AS year,
    sum(amount_fen) FILTER (WHERE category = 'staff') AS s_staff,
    sum(amount_fen) FILTER (WHERE category = 'activities') AS s_activities,
    sum(amount_fen) FILTER (WHERE category = 'training') AS s_training,
    sum(amount_fen) FILTER (WHERE category = 'office') AS s_office,
    sum(amount_fen) FILTER (WHERE category = 'publicity') AS s_publicity,
    sum(amount_fen) FILTER (WHERE category = 'other') AS s_other,
    sum(amount_fen) AS spent_fen
  FROM contract_spending GROUP BY station_id, extract(year FROM spent_on)::int
),
pay AS (
  SELECT contract_id, extract(year FROM paid_on)::int AS year, sum(amount_fen) AS fen
  FROM contract_payments GROUP BY contract_id, extract(year FROM paid_on)::int
),
share AS (
  SELECT l.station_id, pay.year, sum(div(pay.fen, l.n) + CASE WHEN l.rn = 1 THEN mod(pay.fen, l.n) ELSE 0 END) AS paid_fen
  FROM (
    SELECT contract_id, station_id, count(*) OVER (PARTITION BY contract_id) AS n,
      row_number() OVER (PARTITION BY contract_id ORDER BY station_path) AS rn
    FROM contract_stations
  ) l JOIN pay ON pay.contract_id = l.contract_id
  GROUP BY l.station_id, pay.year
),
k AS (SELECT station_id, year FROM b UNION SELECT station_id, year FROM sp UNION SELECT station_id, year FROM share)
SELECT k.station_id, k.year,
  coalesce(b.b_province, 0), coalesce(b.b_city, 0), coalesce(b.b_county, 0), coalesce(b.b_social, 0),
  coalesce(sp.s_staff, 0), coalesce(sp.s_activities, 0), coalesce(sp.s_training, 0), coalesce(sp.s_office, 0),
  coalesce(sp.s_publicity, 0), coalesce(sp.s_other, 0),
  coalesce(b.budget_fen, 0), coalesce(sp.spent_fen, 0), coalesce(share.paid_fen, 0)
FROM k
JOIN stations s ON s.id = k.station_id
LEFT JOIN b ON b.station_id = k.station_id AND b.year = k.year
LEFT JOIN sp ON sp.station_id = k.station_id AND sp.year = k.year
LEFT JOIN share ON share.station_id = k.station_id AND share.year = k.year
ON CONFLICT ("year", "station_id") DO NOTHING;
