namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>The report's inline stylesheet (no external files, so report.html works from a folder or an attachment).</summary>
internal static class ReportCss
{
    public const string Style = """
        :root{--ink:#1d2329;--muted:#5f6b76;--line:#e3e7eb;--bg:#f6f7f9;--card:#fff;--pass:#1b7f3b;--fail:#b3261e;--warn:#9a6700}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:1240px;margin:0 auto;padding:32px 28px 80px}
        header.top{background:#14202b;color:#fff;padding:28px 0 24px}
        header.top .inner{max-width:1240px;margin:0 auto;padding:0 28px}
        header.top h1{margin:0;font-size:30px;letter-spacing:-.01em}
        header.top p{margin:6px 0 0;color:#b8c4ce}
        nav{margin-top:14px;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px}
        nav a{color:#d7e3ec;text-decoration:none;border-bottom:1px dotted #6f8797}
        h2{font-size:22px;margin:44px 0 6px;letter-spacing:-.01em}
        h3{font-size:17px;margin:26px 0 8px}
        p.lead{font-size:17px;max-width:62em}
        .note{color:var(--muted);font-size:13px;max-width:75em}
        .panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:14px 0}
        .verdict{font-size:18px;line-height:1.55;border-left:5px solid #0072B2}
        .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;margin:16px 0}
        .tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;border-top:5px solid var(--c)}
        .tile .name{font-weight:600}.tile .big{font-size:34px;font-weight:700;line-height:1.1;margin:6px 0 2px}
        .tile .sub{color:var(--muted);font-size:13px}
        table{border-collapse:collapse;background:var(--card);font-size:14px;margin:8px 0}
        th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#eef1f4;font-weight:600;font-size:13px;color:#37424c}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .ci{color:var(--muted);font-size:12px;white-space:nowrap}
        .badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.04em;padding:2px 7px;border-radius:999px;color:#fff;vertical-align:middle}
        .badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.none{background:#8a949e}.badge.warn{background:var(--warn)}
        .tier{display:inline-block;font-weight:700;padding:2px 9px;border-radius:6px}
        .tier1{background:#d7f0de;color:#145c2c}.tier2{background:#fff1cc;color:#7a5200}.tier3{background:#fbe0de;color:#8c1d18}
        .charts{display:flex;flex-wrap:wrap;gap:16px}
        .chart{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
        .chart h4{margin:0 0 6px;font-size:14px}
        .scenario{margin:10px 0 28px}
        .prow{display:grid;grid-template-columns:150px 1fr;gap:12px;align-items:start;padding:10px 0;border-top:1px solid var(--line)}
        .prow .pname{font-weight:600}.prow .pname small{display:block;color:var(--muted);font-weight:400}
        .cards{display:flex;flex-wrap:wrap;gap:10px}
        .card{width:176px;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden;font-size:12px}
        .card img{display:block;width:176px;height:176px;object-fit:cover;background:#dde2e6}
        .card .ph{width:176px;height:176px;display:flex;align-items:center;justify-content:center;background:#eceff1;color:var(--muted);padding:10px;text-align:center}
        .card .body{padding:7px 8px}
        .card dl{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:5px 0 0}
        .card dt{color:var(--muted)}.card dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
        .card .who{color:var(--muted);font-size:11px;margin-top:3px}
        .heat td.num{min-width:92px}
        .methods dt{font-weight:600;margin-top:12px}.methods dd{margin:2px 0 0 0;max-width:70em}
        footer{color:var(--muted);font-size:12px;margin-top:40px}
        """;
}
