package io.frontdesk.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Browser;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a page as it is rendered in the browser: text contrast (WCAG 2.x ratio of the computed
 * colours, 4.5:1, 3:1 for large text), a label for every form control, a visible focus ring, and
 * nothing wider than the viewport.
 */
final class PageAudit {

  private PageAudit() {}

  // computed in the page: each visible element with its own text, its colour against the first
  // opaque background behind it
  private static final String CONTRAST =
      """
      const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
        const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
      const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
      const background = (e) => { for (let n = e; n; n = n.parentElement) {
          const c = parse(getComputedStyle(n).backgroundColor); if (c && c.a > 0.5) return c; }
        return {r: 255, g: 255, b: 255, a: 1}; };
      const out = [];
      for (const e of document.querySelectorAll('body *')) {
        const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !e.getClientRects().length) continue;
        const s = getComputedStyle(e);
        if (s.visibility === 'hidden' || Number(s.opacity) < 0.9) continue;
        if (e.closest('button:disabled')) continue;
        const fg = parse(s.color), bg = background(e);
        const hi = Math.max(lum(fg), lum(bg)), lo = Math.min(lum(fg), lum(bg));
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
        const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        if (ratio < need) out.push(e.tagName + '.' + e.className + ' "' + e.textContent.trim().slice(0, 40)
          + '" ' + ratio.toFixed(2) + ':1 < ' + need);
      }
      return out;
      """;

  private static final String LABELS =
      """
      const out = [];
      for (const e of document.querySelectorAll('input, select, textarea')) {
        if (!e.getClientRects().length || e.type === 'hidden') continue;
        if (!(e.labels && e.labels.length) && !e.getAttribute('aria-label')) out.push(e.tagName + '#' + e.id);
      }
      return out;
      """;

  /** Everything the audit found wrong with the page as it is now (empty when all is well). */
  static List<String> problems(Browser browser) {
    List<String> problems = new ArrayList<>();
    browser.script(CONTRAST).forEach(p -> problems.add("contrast: " + p.asText()));
    browser.script(LABELS).forEach(p -> problems.add("no label: " + p.asText()));
    JsonNode width =
        browser.script("return [document.documentElement.scrollWidth, window.innerWidth]");
    if (width.get(0).asInt() > width.get(1).asInt()) {
      problems.add("wider than the viewport: " + width);
    }
    return problems;
  }

  /** The focus ring of an element once it has the focus: outline style and width. */
  static String focusRing(Browser browser, String css) {
    return browser
        .script(
            "const e = document.querySelector(arguments[0]); e.focus();"
                + " const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth;",
            css)
        .asText();
  }
}
