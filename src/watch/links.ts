// The links of an HTML page: every <a href> with its text, resolved against the page URL (or its
// <base href>), marked when it sits inside an article body container of a CMS (TRS, UCAP, Hanweb…),
// plus the page's inline script text (TRS prints its page count there).
import { Parser } from 'htmlparser2';

/** One <a href> of a page. */
export interface PageLink {
  /** Absolute URL, without its #fragment. */
  url: string;
  /** The link's text, whitespace collapsed (its title attribute when it has no text). */
  text: string;
  /** Inside an article body container (`div.TRS_Editor`, `#UCAP-CONTENT`, `#zoom`, …). */
  inBody: boolean;
}

/** What a page links to. */
export interface PageLinks {
  links: PageLink[];
  /** Inline <script> text, for page counts printed by scripts. */
  scripts: string;
  /** The page's <title>. */
  title: string;
  /** The page holds an article body container. */
  hasBody: boolean;
}

/** Article body containers seen on agency CMS pages, by id or class. */
const BODY_CONTAINERS =
  /^(TRS_Editor|TRS_UEDITOR|UCAP-CONTENT|zoom|ivs_content|webeditorview|Custom_UnionStyle|xxgk_content|article-content|zw|content)$/i;

const isBody = (attrs: Record<string, string>) =>
  [attrs.id ?? '', ...(attrs.class ?? '').split(/\s+/)].some((n) => n && BODY_CONTAINERS.test(n));

function resolve(href: string, base: URL): string | null {
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith('#')) return null;
  try {
    const u = new URL(h, base);
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/** The links, script text and title of `html`, a page fetched from `pageUrl`. */
export function pageLinks(html: string, pageUrl: string): PageLinks {
  let base = new URL(pageUrl);
  const out: PageLinks = { links: [], scripts: '', title: '', hasBody: false };
  const bodyDepths: number[] = [];
  let depth = 0;
  let anchor: { href: string; title: string; text: string; inBody: boolean } | null = null;
  let inScript = false;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        depth++;
        if (isBody(attrs)) {
          bodyDepths.push(depth);
          out.hasBody = true;
        }
        if (name === 'base' && attrs.href) base = new URL(resolve(attrs.href, base) ?? base.toString());
        if (name === 'a' && attrs.href !== undefined)
          anchor = { href: attrs.href, title: attrs.title ?? '', text: '', inBody: bodyDepths.length > 0 };
        inScript = name === 'script';
        inTitle = name === 'title';
      },
      ontext(text) {
        if (anchor) anchor.text += text;
        if (inScript) out.scripts += text + '\n';
        if (inTitle) out.title += text;
      },
      onclosetag(name) {
        if (name === 'a' && anchor) {
          const url = resolve(anchor.href, base);
          const text = (anchor.text.trim() ? anchor.text : anchor.title).replace(/\s+/g, ' ').trim();
          if (url) out.links.push({ url, text, inBody: anchor.inBody });
          anchor = null;
        }
        if (bodyDepths[bodyDepths.length - 1] === depth) bodyDepths.pop();
        depth--;
        inScript = false;
        inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  out.title = out.title.replace(/\s+/g, ' ').trim();
  return out;
}
