import {
  speakerFirst,
  speechNouns,
  subjectGap,
  titleWords,
  toAudience,
  vehicleGap,
  verb,
} from './cues.ts';
import type { Named } from './names.ts';
import type { Quotation, Span } from './quotations.ts';
import type { Ref } from './refs.ts';
import { type Context, introducedFound, resolve } from './resolve.ts';

// Who said each quotation: sieves tried in order, the surest first, in the manner of the
// published quote attributors (Muzny et al.'s two-stage sieve in CoreNLP, BBC R&D's Citron):
// a speech verb beside the quotation ("…,” X said; X said: “…”), a possessive speech noun
// (X's call to “…”), the speaker of an earlier quotation in the same sentence, the subject of
// the sentence's speech verb, the sentence's subject, and last the previous quotation's
// speaker. Names, descriptions and pronouns are resolved to actors by what the text has most
// recently spoken of.

/** Who said a quotation, by which sieve, and the words that say so (the attribution). */
export interface Attribution {
  speaker: Named | undefined;
  rule: string;
  cue?: Span;
}

const inSpan = (s: Span, at: number) => s.start <= at && at < s.end;

/** The subject of a verb at `verbAt`: the nearest ref before it that only an aside separates. */
function subjectOf(context: Context, sentence: Span, verbAt: number): Ref | undefined {
  const before = context.refs.filter((r) => r.start >= sentence.start && r.end <= verbAt);
  for (const ref of [...before].reverse()) {
    const gap = context.masked.slice(ref.end, verbAt);
    if (ref.possessive) continue;
    if (subjectGap.test(gap) || vehicleGap.test(gap)) return ref;
    // "A spokesman for X, Tomas Reiner, said": a name set off as the subject's apposition.
    if (/^\s*,\s*$/u.test(gap) && /,\s*$/u.test(context.masked.slice(sentence.start, ref.start)))
      return ref;
  }
  return undefined;
}

/** The sentence's subject: its first ref, past an opening phrase ("Prior to his trip, "). */
function sentenceSubject(context: Context, sentence: Span): Ref | undefined {
  const opening = /^(?:[^,∎]{0,60}?,\s+)?/u.exec(
    context.masked.slice(sentence.start, sentence.end),
  );
  // An opening phrase ("Prior to his trip, ", "Asked whether …, ", "Speaking in Kyiv, ")
  // is not where the subject stands.
  const lead =
    /^\p{Lu}\p{Ll}+(?:ed|ing)\b/u.test(context.masked.slice(sentence.start, sentence.end)) ||
    /^(?:\p{Lu}\p{Ll}*\s+)?(?:[Pp]rior|[Ii]n|[Oo]n|[Aa]fter|[Bb]efore|[Ww]hile|[Aa]s|[Ss]ince|[Dd]uring|[Dd]espite|[Ff]ollowing|[Aa]lso|[Ff]or|[Aa]t|[Ww]hen|[Mm]eanwhile|[Hh]owever|[Bb]ut|[Ss]till)\b/u.test(
      context.masked.slice(sentence.start, sentence.end),
    );
  const from = sentence.start + (lead ? (opening?.[0].length ?? 0) : 0);
  const refs = context.refs.filter((r) => r.start >= from && r.end <= sentence.end);
  const first = refs.find((r) => !r.possessive);
  if (!first) return undefined;
  // "US President Donald Trump": a country named as an adjective before a title and a person.
  const next = refs[refs.indexOf(first) + 1];
  if (
    first.type === 'entity' &&
    first.entity.actorKind === 'COUNTRY' &&
    next &&
    /^(?:\s+(?:\p{Lu}[\p{L}-]*|of|the)){0,4}\s+$/u.test(context.masked.slice(first.end, next.start))
  ) {
    return next;
  }
  return first;
}

const verbBefore = new RegExp(`(?<![\\p{L}])(?:${verb}|according to)(?![\\p{L}])`, 'gu');

/**
 * Attributes every quotation of the text: `quotations` in text order, `sentences` of every
 * paragraph; refs and the registry's actors to resolve descriptions against.
 */
export function attribute(
  text: string,
  masked: string,
  quotations: readonly Quotation[],
  sentences: readonly Span[],
  refs: readonly Ref[],
  actors: readonly Named[],
): {
  attributions: Attribution[];
  described: (Span & { actor: Named; headEnd: number })[];
  introduced: Named[];
} {
  const context: Context = { text, masked, refs, actors, salient: [], described: new Map() };
  const found: Attribution[] = [];
  const noteSubjects = (upTo: number) => {
    for (const s of sentences) {
      if (s.start >= upTo || context.salient.some((x) => x.at === s.start)) continue;
      const subject = sentenceSubject(context, s);
      const actor = subject && resolve(subject, context);
      if (actor) context.salient.push({ at: subject.start, actor });
    }
    context.salient.sort((a, b) => a.at - b.at);
  };
  const of = (ref: Ref | undefined, rule: string, cue?: Span): Attribution | undefined => {
    const speaker = ref && resolve(ref, context);
    return speaker ? { speaker, rule, cue } : undefined;
  };

  quotations.forEach((q, index) => {
    const open = q.open;
    const close = q.close;
    const sentence = sentences.find((s) => inSpan(s, open)) ?? { start: open, end: close + 1 };
    const last = sentences.find((s) => inSpan(s, close)) ?? sentence;
    noteSubjects(open);
    const after = context.masked.slice(close + 1, last.end);
    const before = context.masked.slice(sentence.start, open);
    const refsAfter = refs.filter((r) => r.start > close && r.end <= last.end);
    const refsBefore = refs.filter((r) => r.start >= sentence.start && r.end <= open);

    const sieves: (() => Attribution | undefined)[] = [
      // “…,” said X / “…,” X said / “…,” X, an aside, tells Y / “…,” according to X
      () => {
        const first = refsAfter[0];
        if (!first) return undefined;
        const gap = context.masked.slice(close + 1, first.start);
        if (
          new RegExp(
            `^[\\s,.!?”"’]*(?:${speakerFirst}|according to)\\s+(?:also\\s+)?${titleWords}$`,
            'u',
          ).test(gap)
        ) {
          return of(first, 'quote, then "said X"', {
            start: close + 1 + gap.search(/\S/u),
            end: first.end,
          });
        }
        if (!new RegExp(`^[\\s,.!?”"’]*${titleWords}$`, 'u').test(gap)) return undefined;
        // "Kremlin spokesman Dmitry Peskov told", "Zelensky's chief of staff Andriy Yermak
        // said": the speaker is the name a country, an office or a possessive qualifies.
        const next = refsAfter[1];
        const qualified =
          next &&
          (first.possessive || (first.type === 'entity' && first.entity.actorKind !== 'PERSON')) &&
          /^(?:[’']s?)?(?:\s+[\p{L}-]+){0,4},?\s+$/u.test(
            context.masked.slice(first.end, next.start),
          );
        for (const ref of qualified ? [next, first] : [first]) {
          if (ref.possessive) continue;
          const rest = context.masked.slice(ref.end, last.end);
          const m = new RegExp(
            `^\\s*(?:,[^,]{1,200},|–[^–]{1,200}–|—[^—]{1,200}—|\\([^)]*\\))?\\s*(?:(?:also|later|then|further|had|has|have|would|will|once|again|was|is)\\s+)*${verb}(?![\\p{L}])`,
            'u',
          ).exec(rest);
          if (m) {
            return of(ref, 'quote, then "X said"', {
              start: first.start,
              end: ref.end + m[0].length,
            });
          }
        }
        return undefined;
      },
      // X's call to “…” / X's recent “…” offer
      () => {
        const possessor = [...refsBefore].reverse().find((r) => r.possessive);
        if (!possessor) return undefined;
        const between = context.masked.slice(possessor.end, open);
        if (
          new RegExp(`^[’']s?\\s+(?:\\p{L}+\\s+){0,2}${speechNouns}\\b[^.∎]{0,90}$`, 'u').test(
            between,
          )
        ) {
          return of(possessor, 'possessive speech noun before', {
            start: possessor.start,
            end: open,
          });
        }
        if (
          /^[’']s?\s+(?:\p{L}+\s+){0,2}[“"‘]?$/u.test(between) &&
          new RegExp(`^[”"’]?\\s*${speechNouns}\\b`, 'u').test(after)
        ) {
          return of(possessor, 'possessive speech noun after', {
            start: possessor.start,
            end: close + 1,
          });
        }
        return undefined;
      },
      // X said: “…” / X said that “…” / X announced on board … that “…”
      () => {
        const cues = [...before.matchAll(verbBefore)];
        const cue = cues.at(-1);
        if (!cue) return undefined;
        const verbAt = sentence.start + (cue.index ?? 0);
        const tail = before.slice((cue.index ?? 0) + cue[0].length);
        if (!/^(?:\s+[^.∎]{0,90}?)?(?:\s+that|:|,)?\s*[“"‘]?$/u.test(tail)) return undefined;
        if (cue[0] === 'according to') {
          const ref = refsBefore.find((r) => r.start > verbAt);
          return of(ref, '"according to X" before', { start: verbAt, end: ref?.end ?? open });
        }
        const subject = subjectOf(context, sentence, verbAt);
        return of(
          subject,
          'X said, then quote',
          subject && { start: subject.start, end: verbAt + cue[0].length },
        );
      },
      // a second quotation in a sentence whose first one is attributed
      () => {
        const earlier = found.findLast((f, i) => {
          const other = quotations[i];
          return (
            other !== undefined && other.close < open && inSpan(sentence, other.open) && f.speaker
          );
        });
        return earlier && { speaker: earlier.speaker, rule: 'earlier quotation in the sentence' };
      },
      // X's “…”: the words are the possessor's
      () => {
        const possessor = refsBefore.at(-1);
        if (!possessor?.possessive) return undefined;
        if (!/^[’']s?\s+(?:\p{L}+\s+)?[“"‘]?$/u.test(context.masked.slice(possessor.end, open)))
          return undefined;
        return of(possessor, 'possessive before the quote', { start: possessor.start, end: open });
      },
      // says X / according to X / X suggests, anywhere in the sentence
      () => {
        const whole = context.masked.slice(sentence.start, last.end);
        for (const m of whole.matchAll(verbBefore)) {
          const verbAt = sentence.start + (m.index ?? 0);
          const next = refs.find((r) => r.start > verbAt && r.end <= last.end);
          const between = context.masked.slice(verbAt + m[0].length, next?.start ?? 0);
          const audience = toAudience.has(m[0]);
          if (
            !audience &&
            next &&
            new RegExp(`^\\s+(?:also\\s+)?${titleWords}$`, 'u').test(between)
          ) {
            return of(next, 'sentence: "says X"', { start: verbAt, end: next.end });
          }
        }
        for (const m of whole.matchAll(verbBefore)) {
          const verbAt = sentence.start + (m.index ?? 0);
          const subject = subjectOf(context, sentence, verbAt);
          if (subject)
            return of(subject, 'sentence: "X says"', {
              start: subject.start,
              end: verbAt + m[0].length,
            });
        }
        return undefined;
      },
      () => of(sentenceSubject(context, sentence), "the sentence's subject"),
      () => {
        const previous = found[index - 1];
        return previous?.speaker && { speaker: previous.speaker, rule: 'the previous quotation' };
      },
    ];
    let attribution: Attribution | undefined;
    for (const sieve of sieves) {
      attribution = sieve();
      if (attribution) break;
    }
    found.push(attribution ?? { speaker: undefined, rule: 'no speaker found' });
    if (attribution?.speaker) context.salient.push({ at: open, actor: attribution.speaker });
    context.salient.sort((a, b) => a.at - b.at);
  });
  noteSubjects(text.length);
  // Whom each description stands for, read with everything the text has said before it. One
  // that introduces someone ("a source in the delegation") matters only if they are quoted.
  const speaking = new Set(found.map((f) => f.speaker));
  const introducedSpeakers = [...context.described.values()].filter((n) => speaking.has(n));
  const described: (Span & { actor: Named; headEnd: number })[] = [];
  for (const ref of refs) {
    if (ref.type !== 'description') continue;
    const actor = resolve(ref, context);
    if (!actor) continue;
    if (actor.found === introducedFound && !speaking.has(actor)) continue;
    described.push({ start: ref.start, end: ref.end, headEnd: ref.headEnd, actor });
  }
  return { attributions: found, described, introduced: introducedSpeakers };
}
