// The words of attribution: the verbs that say someone speaks, the nouns that name what
// they said, and what may stand between a speaker and the verb.

/** Verbs of saying, and of holding a view said aloud ("sees … as", "believes"). */
export const verbs = `
  say says said saying tell tells told telling add adds added adding ask asks asked write
  writes wrote state states stated explain explains explained warn warns warned warning
  insist insists insisted note notes noted noting argue argues argued arguing continue
  continues continued reply replies replied declare declares declared claim claims claimed
  announce announces announced suggest suggests suggested stress stresses stressed remark
  remarked recall recalls recalled acknowledge acknowledged concede conceded confirm
  confirms confirmed urge urges urged caution cautioned post posted tweet tweeted indicate
  indicates indicated believe believes believed feel feels felt think thinks thought see
  sees saw consider considers considered describe describes described describing call
  calls called calling mention mentions mentioned point points pointed predict predicted
  promise promised vow vowed pledge pledged admit admits admitted deny denies denied
  respond responds responded comment commented cite cites cited citing demand demands
  demanded emphasise emphasised emphasize emphasized reiterate reiterated quoted insisting
  accused accuses welcomed welcomes dismissed dismisses
`
  .trim()
  .split(/\s+/);
export const verb = `(?:${verbs.join('|')})`;
// "told reporters", "asked X": whom these verbs name after them is the audience, not the speaker.
export const toAudience = new Set(['tell', 'tells', 'told', 'telling', 'ask', 'asks', 'asked']);
export const speakerFirst = `(?:${verbs.filter((v) => !toAudience.has(v)).join('|')})`;
// "said grain merchant Ruth Calder": lower-case words of a title between a verb and a name,
// not the start of a clause ("claimed that Ukrainian negotiators").
export const titleWords =
  '(?:(?!(?:that|which|who|whether|if|to|it|and|but|in|on|at|for|of|with)\\s)\\p{Ll}+\\s+){0,3}';
export const speechNouns =
  '(?:call|calls|definition|words|offer|remark|remarks|description|phrase|demand|demands|proposal|statement|claim|promise|pledge|warning|message|slogan|term|label|motto|comment|comments|assessment|view|vow|appeal|plea|insistence|characteri[sz]ation|rhetoric|narrative|formula|line)';
// What may stand between a subject and its verb: an apposition, a dash or bracket aside, a
// few auxiliaries and adverbs.
export const subjectGap =
  /^\s*(?:,[^,]{1,200},|–[^–]{1,200}–|—[^—]{1,200}—|\([^)]*\))?\s*(?:(?:also|later|then|further|has|have|had|would|will|was|is|again|once|previously|earlier|recently|publicly|repeatedly|strongly|swiftly|even|however|reportedly|firmly|only|already|clearly|simply)\s+)*$/u;
// "a Wall Street Journal report, citing": the speaker's vehicle between it and the verb.
export const vehicleGap =
  /^\s+(?:report|reports|statement|article|editorial|analysis|office|ministry|spokesman|spokeswoman|spokesperson|account|post|video|interview|briefing|readout)\s*,?\s*$/u;
