import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { FieldProblem } from '#libs/domain';
import { validationFailed } from './validation.js';

/** Deeper than any body the APIs take (a catalog draft is about six levels), far below a stack overflow. */
export const MAX_JSON_DEPTH = 32;

/** More problems than this in one request are not worth listing. */
const MAX_PROBLEMS = 20;

export type TextRule = 'noNulCharacter' | 'wellFormedUnicode';

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule a text breaks for PostgreSQL: it refuses NUL in text, and a lone surrogate has no UTF-8 form. */
export function textRule(text: string): TextRule | undefined {
  if (text.includes('\u0000')) return 'noNulCharacter';
  if (LONE_SURROGATE.test(text)) return 'wellFormedUnicode';
  return undefined;
}

/** The text with NUL and lone surrogates replaced by U+FFFD, for a value that must be stored anyway (an audit subject). */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

const RULES: Record<TextRule | 'maxDepth' | 'percentEncoding', (field: string) => [string, string]> = {
  noNulCharacter: (f) => [`${f} 不能包含空字符（\\u0000）`, `${f} must not contain the NUL character (\\u0000)`],
  wellFormedUnicode: (f) => [`${f} 含有不完整的 Unicode 字符（孤立代理项）`, `${f} must be well-formed Unicode (it contains a lone surrogate)`],
  maxDepth: (f) => [`${f} 嵌套层级超过 ${MAX_JSON_DEPTH} 层`, `${f} is nested deeper than ${MAX_JSON_DEPTH} levels`],
  percentEncoding: (f) => [`${f} 不是有效的 UTF-8 百分号编码`, `${f} is not valid percent-encoded UTF-8`],
};

export function inputProblem(field: string, rule: keyof typeof RULES): FieldProblem {
  const [message, messageEn] = RULES[rule](field);
  return { field, rule, message, messageEn };
}

const shown = (key: string): string => storableText(key);

/**
 * Every key and string value of a parsed body or query that PostgreSQL would refuse, and nesting too
 * deep for the code after it (JSON.parse copes; class-transformer and JSON.stringify recurse and
 * overflow), named by path (`items[0].name`, as the validation pipe names fields). Walks without recursion.
 */
export function textProblems(value: unknown, root = 'body'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const rule = textRule(v);
      if (rule) problems.push(inputProblem(path || root, rule));
    } else if (typeof v === 'object' && v !== null && depth >= MAX_JSON_DEPTH) {
      problems.push(inputProblem(path || root, 'maxDepth'));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`, depth + 1]);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v).reverse()) {
        const field = path ? `${path}.${shown(k)}` : shown(k);
        const rule = textRule(k);
        if (rule) problems.push(inputProblem(field, rule));
        stack.push([child, field, depth + 1]);
      }
    }
  }
  return problems;
}

/**
 * Express middleware after the body parsers, before guards: a body, query or path PostgreSQL would
 * refuse gets the validation 400 here, whatever the endpoint (guards such as the sign-in limit read
 * the body before any pipe).
 */
export function textInputGuard(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...textProblems(req.body), ...textProblems(req.query, 'query')];
  req.path.split('/').forEach((segment, i) => {
    try {
      decodeURIComponent(segment);
    } catch {
      problems.push(inputProblem(`path[${i}]`, 'percentEncoding'));
    }
  });
  next(problems.length > 0 ? validationFailed(problems) : undefined);
}

/** Global pipe: a path parameter with NUL (`%00`) or a lone surrogate gets the validation 400, named by the parameter. */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || typeof value !== 'string') return value;
    const rule = textRule(value);
    if (rule) throw validationFailed([inputProblem(metadata.data ?? 'path', rule)]);
    return value;
  }
}
