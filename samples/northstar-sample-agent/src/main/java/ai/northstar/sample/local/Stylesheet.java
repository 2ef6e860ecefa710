package ai.northstar.sample.local;

/**
 * The viewer's stylesheet, inlined in every page so the viewer needs no static resources.
 */
final class Stylesheet {

	static final String CSS = """
			:root { --ink: #1d2330; --muted: #6b7385; --line: #e3e6ee; --bg: #f6f7fb; --card: #fff;
			  --accent: #3b5bdb; --ok: #2b8a3e; --error: #c92a2a; --running: #e67700; }
			* { box-sizing: border-box; }
			body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
			  color: var(--ink); background: var(--bg); }
			a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
			.topbar { display: flex; align-items: baseline; gap: 16px; padding: 12px 28px; background: #161b2e; }
			.brand { color: #fff; font-weight: 700; font-size: 16px; }
			.brand span { color: #ffd43b; font-weight: 500; margin-left: 4px; }
			.where { color: #aab1c5; font-size: 12px; }
			main { max-width: 1180px; margin: 0 auto; padding: 20px 28px 48px; }
			h1 { font-size: 22px; margin: 8px 0 16px; display: flex; align-items: center; gap: 10px; }
			h2 { font-size: 16px; margin: 28px 0 10px; }
			.count { font-size: 12px; color: var(--muted); background: var(--line); border-radius: 10px; padding: 1px 8px; }
			.muted, .preview { color: var(--muted); }
			.preview { font-size: 12px; margin-top: 2px; }
			table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line);
			  border-radius: 8px; overflow: hidden; }
			th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
			thead th { background: #eef0f6; font-size: 12px; text-transform: uppercase; letter-spacing: .03em;
			  color: var(--muted); }
			tr:last-child td { border-bottom: 0; }
			.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
			.time { white-space: nowrap; color: var(--muted); font-variant-numeric: tabular-nums; }
			.run-name a { font-weight: 600; }
			.status { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase;
			  border-radius: 4px; padding: 1px 7px; color: #fff; background: var(--muted); }
			.status-ok { background: var(--ok); } .status-error { background: var(--error); }
			.status-running { background: var(--running); }
			.chip { display: inline-block; margin: 0 4px 4px 0; padding: 1px 8px; border-radius: 10px;
			  background: #edf2ff; color: #364fc7; font-size: 12px; white-space: nowrap; }
			.tag { display: inline-block; font-size: 11px; color: var(--muted); background: #f1f3f5;
			  border-radius: 4px; padding: 0 6px; }
			.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px 20px;
			  background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0; }
			.facts dt { font-size: 11px; text-transform: uppercase; color: var(--muted); }
			.facts dd { margin: 0; overflow-wrap: anywhere; }
			.error { border-left: 4px solid var(--error); background: #fff5f5; color: #862e2e; padding: 8px 12px;
			  border-radius: 4px; margin: 10px 0; }
			.span-tree, .span-tree ul { list-style: none; margin: 0; padding: 0; }
			.span-tree ul { margin-left: 22px; border-left: 2px solid var(--line); padding-left: 10px; }
			.span-node { margin: 6px 0; }
			.span-head { display: flex; align-items: center; gap: 8px; background: var(--card);
			  border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
			.span-node[data-status="error"] > .span-head { border-color: #ffa8a8; }
			.span-name { font-weight: 600; }
			.iteration { font-size: 12px; color: var(--muted); }
			.kind { font-size: 10px; font-weight: 700; text-transform: uppercase; border-radius: 4px; padding: 1px 6px;
			  min-width: 52px; text-align: center; }
			.kind-agent { background: #e5dbff; color: #5f3dc4; } .kind-model { background: #d3f9d8; color: #2b8a3e; }
			.kind-tool { background: #fff3bf; color: #a15c07; } .kind-workflow { background: #d0ebff; color: #1864ab; }
			.kind-custom { background: #f1f3f5; color: #495057; }
			.duration { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
			.bar { position: relative; width: 180px; height: 8px; background: #f1f3f5; border-radius: 4px; flex: none; }
			.bar span { position: absolute; top: 0; height: 8px; border-radius: 4px; background: var(--accent); }
			.span-node[data-status="error"] > .span-head .bar span { background: var(--error); }
			.span-details { margin: 2px 0 0 12px; font-size: 12px; }
			.span-details summary, .event-group summary { cursor: pointer; color: var(--muted); }
			.attributes { margin: 6px 0; width: auto; min-width: 50%; }
			.attributes th { background: #f8f9fc; font-weight: 500; white-space: nowrap; }
			.attributes td { font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
			.event-group { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px;
			  margin-bottom: 8px; }
			.event-group > summary { font-weight: 600; color: var(--ink); }
			.etype { font-family: ui-monospace, Menlo, Consolas, monospace; }
			.event { border-top: 1px solid var(--line); padding: 6px 0; }
			.event-meta { font-size: 12px; color: var(--muted); }
			.event-meta .etype { color: var(--ink); }
			pre { margin: 4px 0 0; padding: 8px 10px; background: #f8f9fc; border-radius: 6px; overflow: auto;
			  max-height: 260px; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap;
			  overflow-wrap: anywhere; }
			.empty { background: var(--card); border: 1px dashed var(--line); border-radius: 8px; padding: 16px 20px; }
			.crumbs { margin-bottom: 4px; }
			""";

	private Stylesheet() {
	}

}
