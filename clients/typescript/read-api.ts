// Reads the Scorecard API through a client typed from its OpenAPI document (generated/schema.d.ts, made by
// openapi-typescript from /openapi/v1.json) and prints what it read as one JSON object. If the document and
// the answers drift apart, `tsc --noEmit` fails on this file, or a call here fails when it runs.
//
//   node out/read-api.js http://127.0.0.1:5000 rdec@example.org 'Scorecard-demo-1'

import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type OrganisationBranch = components["schemas"]["OrganisationBranch"];
type RollUpCounts = components["schemas"]["RollUpCounts"];

const [baseUrl, email, password] = process.argv.slice(2);
if (!baseUrl || !email || !password) {
  console.error("usage: node out/read-api.js BASE_URL EMAIL PASSWORD");
  process.exit(2);
}

/** The answer's data; a failed call stops the script with its status and problem. */
function ok<T>(call: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined)
    throw new Error(`${call}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

function flatten(branches: OrganisationBranch[]): OrganisationBranch[] {
  return branches.flatMap((b) => [b, ...flatten(b.children)]);
}

const counted = (r: RollUpCounts): number => r.achieved + r.notAchieved + r.inProgress + r.noData + r.notApplicable;

// Signed out: what the public reads.
const api = createClient<paths>({ baseUrl });
const organisations = flatten(ok("listOrganisations", await api.GET("/api/organisations")));
const city = organisations.find((o) => o.level === "city");
if (!city) throw new Error("listOrganisations: no organisation of level city");
const planYear = city.planYears[0];
if (planYear === undefined) throw new Error(`${city.name} has no plan year`);
const map = { organisation: city.name, rocYear: planYear };

const rollUps = ok("getMapRollUps", await api.GET("/api/maps/{organisation}/{rocYear}/rollups", { params: { path: map } }));
const cityRollUps = ok("getCityRollUps", await api.GET("/api/rollups/{rocYear}", { params: { path: { rocYear: planYear } } }));
const exported = ok("exportMap", await api.GET("/api/maps/{organisation}/{rocYear}", { params: { path: map } }));
const firstKpi = exported.kpis?.[0]?.code;
if (!firstKpi) throw new Error("exportMap: the map has no KPI");
const kpi = ok("getKpi", await api.GET("/api/maps/{organisation}/{rocYear}/kpis/{code}", { params: { path: { ...map, code: firstKpi } } }));
const periods = ok("listPeriods", await api.GET("/api/maps/{organisation}/{rocYear}/periods", { params: { path: map } }));
const dashboard = ok("getDashboard", await api.GET("/api/dashboard", { params: { query: { organisation: city.name } } }));
const search = ok("searchKpis", await api.GET("/api/search", { params: { query: { q: firstKpi } } }));
const openData = ok("getOpenData", await api.GET("/api/open-data/{rocYear}.{format}", {
  params: { path: { rocYear: dashboard.year, format: "json" } },
}));
const svg = ok("drawMap", await api.GET("/api/maps/{organisation}/{rocYear}/map.svg", { params: { path: map }, parseAs: "text" }));

// Signed in: a bearer token from the login, then what the account may read.
const token = ok("signIn", await api.POST("/api/account/login", { body: { email, password } }));
const signedIn = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token.accessToken}` } });
const me = ok("getMe", await signedIn.GET("/api/account/me"));
const todo = ok("getTodo", await signedIn.GET("/api/todo"));
// 修改紀錄 is staff's: it holds drafts, submissions and staff addresses.
const history = ok("getMapHistory", await signedIn.GET("/api/maps/{organisation}/{rocYear}/history", { params: { path: map } }));
const evaluation = ok("getEvaluation", await signedIn.GET("/api/maps/{organisation}/{rocYear}/evaluation/{valueRocYear}", {
  params: { path: { ...map, valueRocYear: planYear } },
}));

console.log(JSON.stringify({
  city: city.name,
  planYear,
  organisations: organisations.length,
  mapKpis: counted(rollUps.total),
  themes: rollUps.themes.map((t) => t.code),
  cityOrganisations: cityRollUps.organisations.length,
  exportedKpis: exported.kpis?.length ?? 0,
  kpi: { code: kpi.code, name: kpi.name, targets: kpi.targets.length },
  periods: periods.length,
  dashboard: { year: dashboard.year, period: dashboard.period, kpis: counted(dashboard.total.now), offTrack: dashboard.offTrack.length },
  search: { total: search.total, first: search.hits[0]?.code ?? null },
  historySaves: history.length,
  openDataRows: Array.isArray(openData) ? openData.length : -1,
  svg: typeof svg === "string" && svg.includes("<svg"),
  me: { email: me.email, roles: me.roles.map((r) => `${r.role}@${r.organisation ?? ""}`) },
  todo: { toEnter: todo.toEnter.length, toReview: todo.toReview.length },
  evaluation: evaluation.state,
}));
