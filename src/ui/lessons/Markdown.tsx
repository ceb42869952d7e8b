import { memo, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import { runnableCommands } from './commands';

/**
 * A lesson's Markdown as React elements: marked's lexer reads it, and this renders the tokens the
 * lessons use (paragraphs, headings, lists, code, emphasis, links, tables). No HTML string is ever
 * injected (marked's tokens carry raw text; React escapes it). A shell block gets a Run button that sends
 * its commands to the terminal, unless it is a pattern to fill in first (`runnableCommands`).
 */
export const Markdown = memo(function Markdown(props: { text: string; onRun?: (commands: string[]) => void; headingLevel?: number }) {
  const tokens = useMemo(() => Lexer.lex(props.text), [props.text]);
  return <>{blocks(tokens, props)}</>;
});

interface Options {
  onRun?: (commands: string[]) => void;
  headingLevel?: number;
}

function blocks(tokens: readonly Token[], o: Options): ReactNode[] {
  return tokens.map((t, i) => block(t, i, o));
}

function block(t: Token, key: number, o: Options): ReactNode {
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens)}</p>;
    case 'heading': {
      const h = t as Tokens.Heading;
      const level = Math.min(6, h.depth + (o.headingLevel ?? 3) - 1);
      const Tag = `h${level}` as 'h3';
      return <Tag key={key}>{inline(h.tokens)}</Tag>;
    }
    case 'list': {
      const l = t as Tokens.List;
      const items = l.items.map((it, j) => <li key={j}>{it.tokens.some((x) => x.type !== 'text') ? blocks(it.tokens, o) : inline(it.tokens)}</li>);
      return l.ordered ? (
        <ol key={key} start={l.start === '' ? undefined : l.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'code': {
      const c = t as Tokens.Code;
      const shell = (c.lang === 'sh' || c.lang === 'shell' || c.lang === 'bash') && o.onRun;
      const commands = shell ? runnableCommands(c.text) : null;
      return (
        <div key={key} className={commands ? 'md-code has-run' : 'md-code'}>
          <pre>
            <code>{c.text}</code>
          </pre>
          {shell && commands && (
            <button type="button" className="md-run" onClick={() => o.onRun!(commands)} aria-label={`Run in the terminal: ${commands.join('; ')}`}>
              Run
            </button>
          )}
        </div>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{blocks((t as Tokens.Blockquote).tokens, o)}</blockquote>;
    case 'hr':
      return <hr key={key} />;
    case 'table': {
      const tb = t as Tokens.Table;
      return (
        <table key={key}>
          <thead>
            <tr>
              {tb.header.map((c, j) => (
                <th key={j}>{inline(c.tokens)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tb.rows.map((r, j) => (
              <tr key={j}>
                {r.map((c, k) => (
                  <td key={k}>{inline(c.tokens)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'text': {
      const tx = t as Tokens.Text;
      return <p key={key}>{tx.tokens ? inline(tx.tokens) : tx.text}</p>;
    }
    default:
      return <p key={key}>{t.raw}</p>;
  }
}

function inline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((t, i) => {
    switch (t.type) {
      case 'text': {
        const tx = t as Tokens.Text;
        return tx.tokens ? <span key={i}>{inline(tx.tokens)}</span> : tx.text;
      }
      case 'escape':
        return (t as Tokens.Escape).text;
      case 'strong':
        return <strong key={i}>{inline((t as Tokens.Strong).tokens)}</strong>;
      case 'em':
        return <em key={i}>{inline((t as Tokens.Em).tokens)}</em>;
      case 'del':
        return <del key={i}>{inline((t as Tokens.Del).tokens)}</del>;
      case 'codespan':
        return <code key={i}>{(t as Tokens.Codespan).text}</code>;
      case 'br':
        return <br key={i} />;
      case 'link': {
        const l = t as Tokens.Link;
        const external = /^https?:/.test(l.href);
        return (
          <a key={i} href={l.href} {...(external ? { target: '_blank', rel: 'noreferrer' } : {})}>
            {inline(l.tokens)}
          </a>
        );
      }
      default:
        return t.raw;
    }
  });
}
