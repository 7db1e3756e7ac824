// A report as a WeChat official-account article (mp.weixin.qq.com): the article body in
// #js_content (saved with `visibility: hidden`, shown by its script), the account's chrome around it;
// table 三 kept as a <table>, drawn as rows of flex <section>s (as WeChat editors do), or pasted as a picture.
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type WechatTable = 'table' | 'sections' | 'image';

/** [start, end) of table 三 in the body. */
function table3(body: string): [number, number] {
  const at = body.indexOf('三、收到和处理');
  const start = body.indexOf('<table', at);
  return [start, body.indexOf('</table>', start) + '</table>'.length];
}

const cell = (text: string, pct: number) =>
  `<section style="width: ${pct.toFixed(3)}%; box-sizing: border-box; border: 1px solid #333; padding: 2px;"><span style="font-size: 12px;">${text}</span></section>`;
const row = (cells: string[]) => `<section style="display: flex; flex-direction: row;">${cells.join('')}</section>`;

/** Table 三 as flex rows: the header as three rows (blank cells under merged ones), a caption row per merged label. */
function asSections(table: string): string {
  const label = 40;
  const v = 60 / 7;
  const blank = (pct: number) => cell('', pct);
  const heads = [...table.matchAll(/<tr class="head">([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]));
  const rows = [
    row([cell(heads[0][0], label), cell(heads[0][1], 60)]),
    row([blank(label), cell(heads[1][0], v), cell(heads[1][1], 5 * v), cell(heads[1][2], v)]),
    row([blank(label), blank(v), ...heads[2].map((h) => cell(h, v)), blank(v)]),
  ];
  for (const tr of table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const cells = [...tr[1].matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => ({ cls: /class="(\w+)"/.exec(c[1])?.[1] ?? '', text: c[2].replace(/<[^>]+>/g, '') }));
    for (const c of cells.filter((x) => x.cls !== 'l' && x.cls !== 'n')) rows.push(row([cell(c.text, label), ...Array.from({ length: 7 }, () => blank(v))]));
    const l = cells.find((x) => x.cls === 'l');
    if (l) rows.push(row([cell(l.text, label), ...cells.filter((x) => x.cls === 'n').map((x) => cell(x.text, v))]));
  }
  return `<section style="margin: 10px 0;">${rows.join('\n')}</section>`;
}

/** The article page around the report's body (title not in the body), table 三 drawn as `table` says. */
export function wechatPage(o: { title: string; account: string; body: string; published: string; table: WechatTable }): string {
  const [s, e] = table3(o.body);
  const t3 = o.body.slice(s, e);
  const drawn =
    o.table === 'table'
      ? t3
      : o.table === 'sections'
        ? asSections(t3)
        : '<p style="text-align: center;"><img class="rich_pages wxw-img" data-ratio="1.2" data-src="https://mmbiz.qpic.cn/mmbiz_png/Xq3kTable3/640?wx_fmt=png" data-type="png" data-w="1080" style="width: 100%;"></p>';
  const body = o.body.slice(0, s) + drawn + o.body.slice(e);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0">
<meta property="og:title" content="${esc(o.title)}"><meta property="og:site_name" content="微信公众平台">
<title>${esc(o.title)}</title>
<script nonce="1">var nickname = "${esc(o.account)}"; var ct = "1705712400";</script>
</head><body id="activity-detail" class="zh_CN wx_wap_page">
<div class="rich_media_wrp"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<div id="js_article" class="rich_media">
<h1 class="rich_media_title" id="activity-name">${esc(o.title)}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">${esc(o.account)}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">${o.published}</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
${body}
</div>
<div id="js_tags" class="article-tag__list">#政务公开</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source">阅读原文</a> 阅读 <span id="readNum3">2156</span> 在看 <span id="likeNum3">18</span></div>
</div></div></div></div>
<div id="js_pc_qr_code" class="qr_code_pc_outer" style="display:none;"><p>微信扫一扫<br>关注该公众号</p></div>
</body></html>
`;
}
