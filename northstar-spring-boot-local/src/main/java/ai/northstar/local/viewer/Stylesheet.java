package ai.northstar.local.viewer;

/**
 * The viewer's styles, inlined in every page (the viewer loads nothing from elsewhere).
 */
final class Stylesheet {

	static final String CSS = """
			:root { --fg: #1d2330; --muted: #5d6678; --line: #dde2ea; --bg: #f6f8fb; --accent: #3555d1;
			  --ok: #1f8a4c; --error: #c62f3b; --running: #b7791f; --model: #7c4dcc; --tool: #1b8aa6;
			  --agent: #3555d1; --workflow: #6b7280; --custom: #8a6d3b; }
			* { box-sizing: border-box; }
			body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
			  color: var(--fg); background: var(--bg); }
			header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #141a2b; }
			header .brand { color: #fff; font-weight: 700; letter-spacing: .3px; }
			header nav a { color: #c8d0e6; margin-right: 16px; text-decoration: none; }
			header nav a.active, header nav a:hover { color: #fff; }
			main { padding: 20px 24px; max-width: 1400px; }
			h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 24px 0 8px; }
			a { color: var(--accent); }
			table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
			th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
			th { background: #eef1f6; font-weight: 600; font-size: 12px; color: var(--muted); white-space: nowrap; }
			th a { color: inherit; text-decoration: none; }
			.muted { color: var(--muted); } .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
			.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; color: #fff; }
			.status-ok { background: var(--ok); } .status-error { background: var(--error); }
			.status-running { background: var(--running); }
			.chip { display: inline-block; padding: 1px 7px; margin: 1px 2px; border-radius: 9px; background: #e8ecf7;
			  font-size: 12px; }
			.preview { max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
			.run-name, .started, .duration { white-space: nowrap; }
			form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
			form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
			form.filters input, form.filters select { padding: 5px 7px; border: 1px solid var(--line); border-radius: 4px;
			  font: inherit; min-width: 140px; }
			button, .button { padding: 6px 12px; border: 0; border-radius: 4px; background: var(--accent); color: #fff;
			  font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
			.pager { margin: 10px 0; display: flex; gap: 12px; align-items: center; }
			.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
			  margin-bottom: 12px; }
			.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; }
			.facts div span { display: block; font-size: 12px; color: var(--muted); }
			.waterfall { background: #fff; border: 1px solid var(--line); border-radius: 6px; }
			.span-row { display: grid; grid-template-columns: 360px 1fr 90px; align-items: center;
			  border-bottom: 1px solid var(--line); min-height: 30px; cursor: pointer; }
			.span-row:hover { background: #f3f5fb; }
			.span-label { padding: 4px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
			.kind { font-size: 11px; text-transform: uppercase; padding: 0 5px; border-radius: 3px; color: #fff;
			  margin-right: 6px; }
			.kind-model { background: var(--model); } .kind-tool { background: var(--tool); }
			.kind-agent { background: var(--agent); } .kind-workflow { background: var(--workflow); }
			.kind-custom { background: var(--custom); }
			.track { position: relative; height: 18px; margin: 0 8px; background: #f0f2f7; border-radius: 3px; }
			.bar { position: absolute; top: 2px; height: 14px; border-radius: 3px; min-width: 2px; }
			.bar.kind-model { background: var(--model); } .bar.kind-tool { background: var(--tool); }
			.bar.kind-agent { background: var(--agent); } .bar.kind-workflow { background: var(--workflow); }
			.bar.kind-custom { background: var(--custom); } .bar.status-error { outline: 2px solid var(--error); }
			.span-time { text-align: right; padding-right: 8px; font-size: 12px; color: var(--muted); }
			.span-detail { display: none; padding: 10px 16px 14px; background: #fafbfd; border-bottom: 1px solid var(--line); }
			.span-detail.open { display: block; }
			pre { white-space: pre-wrap; word-break: break-word; background: #f4f6fa; padding: 8px 10px;
			  border-radius: 4px; margin: 4px 0; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
			.transcript .message { border-left: 3px solid var(--line); padding: 4px 10px; margin: 6px 0; }
			.message .role { font-size: 11px; text-transform: uppercase; color: var(--muted); font-weight: 600; }
			.message.role-system { border-color: #9aa3b5; } .message.role-user { border-color: var(--accent); }
			.message.role-assistant { border-color: var(--model); } .message.role-tool { border-color: var(--tool); }
			.message.role-tool-call { border-color: var(--running); }
			.error-box { border: 1px solid #f0b8bd; background: #fdf0f1; color: #7d1d26; padding: 8px 12px;
			  border-radius: 4px; margin: 6px 0; }
			.usage { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin: 6px 0; }
			.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
			svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
			.empty { padding: 24px; text-align: center; color: var(--muted); background: #fff;
			  border: 1px dashed var(--line); border-radius: 6px; }
			""";

	private Stylesheet() {
	}

}
