// A government site's article page (CMS chrome: header, navigation, breadcrumb, sidebar of links,
// metadata box, share bar, footer) around a report's body, as agencies publish 年报 on the web.
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface CmsPage {
  site: string;
  title: string;
  /** The report's body as HTML (paragraphs, headings, tables), without its title. */
  body: string;
  published: string;
  /** charset named in the page's <meta> (the bytes must be encoded in it). */
  charset: 'utf-8' | 'gb2312';
  year: number;
  /** Where the page prints the title (defaults: `<title>` 「title_site」, the ArticleTitle <meta> and 名称 row, an <h1> above the article). */
  layout?: {
    headTitle?: string;
    /** null: no ArticleTitle <meta> and no 名称 row. */
    metaTitle?: string | null;
    /** null: no <h1> above the article. */
    articleTitle?: string | null;
    /** A title block in the page's header, above the article (some CMSs print the title only there). */
    headerBlock?: string;
    /** 发布机构 and 来源 of the article header (default: the site's 办公室). */
    publisher?: string;
  };
}

export function cmsPage(p: CmsPage): string {
  const l = p.layout ?? {};
  const headTitle = l.headTitle ?? `${p.title}_${p.site}`;
  const metaTitle = l.metaTitle === undefined ? p.title : l.metaTitle;
  const articleTitle = l.articleTitle === undefined ? p.title : l.articleTitle;
  const publisher = l.publisher ?? `${p.site}办公室`;
  const meta =
    p.charset === 'utf-8'
      ? '<meta charset="utf-8">'
      : `<meta http-equiv="Content-Type" content="text/html; charset=${p.charset}">`;
  const nav = ['首页', '政务要闻', '政府信息公开', '政务服务', '互动交流', '走进本地']
    .map((n, i) => `<li${i === 2 ? ' class="on"' : ''}><a href="/col/col${1000 + i}/index.html">${n}</a></li>`)
    .join('');
  const side = [p.year, p.year - 1, p.year - 2]
    .map((y) => `<li><a href="/art/${y + 1}/1/20/art_${y}.html" title="${esc(p.site)}${y}年政府信息公开工作年度报告">${esc(p.site)}${y}年政府信息公开工作年度报告</a></li>`)
    .join('\n');
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
${meta}
<title>${esc(headTitle)}</title>
${metaTitle === null ? '' : `<meta name="ArticleTitle" content="${esc(metaTitle)}">`}
<meta name="PubDate" content="${p.published}">
<link rel="stylesheet" href="/css/common.css">
<script type="text/javascript">var _hmt = _hmt || []; if (document.location.href.indexOf('一、总体情况') > 0) { _hmt.push(['x']); }</script>
<style>.TRS_Editor td { border: 1px solid #000; } .hide { display: none; }</style>
</head>
<body>
<div class="top"><div class="wrap"><span>今天是：<script>document.write(new Date().toLocaleDateString())</script></span><a href="/wza">无障碍</a> | <a href="/m">手机版</a></div></div>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="${esc(p.site)}"></a></div>
<form class="search" action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">${nav}</ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1002/index.html">政府信息公开</a> &gt; <a href="/col/col1099/index.html">政府信息公开年报</a></div>
<div class="main">
<div class="left">
<h3>政府信息公开年报</h3>
<ul class="list">
${side}
</ul>
<div class="hide">一、总体情况 二、主动公开政府信息情况（模板占位）</div>
</div>
<div class="right">
<table class="xxgk_info" cellspacing="0">
<tr><td class="k">索引号：</td><td>000014349/${p.year + 1}-00012</td><td class="k">主题分类：</td><td>政务公开</td></tr>
<tr><td class="k">发布机构：</td><td>${esc(publisher)}</td><td class="k">生成日期：</td><td>${p.published}</td></tr>
${metaTitle === null ? '' : `<tr><td class="k">名　　称：</td><td colspan="3">${esc(metaTitle)}</td></tr>`}
</table>
${l.headerBlock ? `<div class="xl_header"><div class="xl_tit">${esc(l.headerBlock)}</div></div>\n` : ''}<div class="article">
${articleTitle === null ? '' : `<h1 class="article_title">${esc(articleTitle)}</h1>`}
<div class="article_info">发布时间：${p.published}　来源：${esc(publisher)}　浏览次数：<span id="hits">1286</span>　字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
<div class="article_content" id="zoom"><div class="TRS_Editor">
${p.body}
</div></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印本页】</a>　<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
</div>
<div class="footer"><p>主办单位：${esc(p.site)}办公室　承办单位：${esc(p.site)}大数据中心</p>
<p>网站标识码：3208000001　<a href="https://beian.miit.gov.cn">苏ICP备05000000号-1</a>　<img src="/images/ga.png">苏公网安备 32080002000001号</p></div>
</body>
</html>
`;
}

/** The body of a rendered sample (between <body> and </body>), its <h1> title removed. */
export function reportBody(html: string): string {
  const body = html.slice(html.indexOf('<body>') + '<body>'.length, html.lastIndexOf('</body>'));
  const h1 = body.indexOf('<h1>');
  return h1 < 0 ? body : body.slice(0, h1) + body.slice(body.indexOf('</h1>') + '</h1>'.length);
}
