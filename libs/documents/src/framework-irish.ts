/**
 * Irish for the default outcome framework's texts (Ireland's national outcomes, the "My World"
 * sides, the 1-3 checklist scale), which the framework itself gives in English only: no official
 * Irish wording was found (libs/domain `IRELAND_OUTCOME_FRAMEWORK`). The documents complete a
 * case's copy of that framework with these where it has no Irish of its own, so an Irish family
 * document does not print "2 as 3: Some progress". Written by a non-native writer: listed in the
 * README for review by a fluent speaker.
 */
import { IRELAND_OUTCOME_FRAMEWORK, type LocalisedText, type OutcomeFramework } from '@tacu/domain';

/** Irish of each English text of `IRELAND_OUTCOME_FRAMEWORK`, by the English text. */
export const IRISH_OF_IRELAND_FRAMEWORK: Readonly<Record<string, string>> = {
  "Ireland's national outcomes for children (Better Outcomes, Brighter Futures)": 'Torthaí náisiúnta na hÉireann do leanaí (Torthaí Níos Fearr, Todhchaí Níos Gile)',
  'Active and healthy, with physical and mental wellbeing': 'Gníomhach agus sláintiúil, le folláine choirp agus intinne',
  'Achieving full potential in all areas of learning and development': 'Ag baint amach a lánacmhainne i ngach réimse foghlama agus forbartha',
  'Safe and protected from harm': 'Sábháilte agus cosanta ó dhochar',
  'Economic security and opportunity': 'Slándáil gheilleagrach agus deiseanna',
  'Connected, respected and contributing to their world': 'Ceangailte, faoi mheas agus ag cur lena saol',
  'How I grow and develop': 'Conas a fhásaim agus a fhorbraím',
  "The child's developmental needs": 'Riachtanais forbartha an linbh',
  'What I need from the people who look after me': 'An méid a theastaíonn uaim ó na daoine a thugann aire dom',
  "Parents' and carers' capacity": 'Cumas na dtuismitheoirí agus na gcúramóirí',
  'My wider world': 'Mo shaol níos leithne',
  'Family and environmental factors': 'Cúinsí teaghlaigh agus timpeallachta',
  'Little progress': 'Beagán dul chun cinn',
  'Some progress': 'Roinnt dul chun cinn',
  'On target': 'Ar an sprioc',
};

function completed(text: LocalisedText): LocalisedText;
function completed(text: LocalisedText | undefined): LocalisedText | undefined;
function completed(text: LocalisedText | undefined): LocalisedText | undefined {
  if (!text || text.ga !== undefined) return text;
  const ga = IRISH_OF_IRELAND_FRAMEWORK[text.en];
  return ga === undefined ? text : { ...text, ga };
}

/**
 * The framework with Irish added where it has none and its English is the default framework's
 * own (an organisation's Irish, or its own English wording, is kept as it is). Other frameworks
 * are returned unchanged.
 */
export function withKnownIrish(framework: OutcomeFramework): OutcomeFramework {
  if (framework.id !== IRELAND_OUTCOME_FRAMEWORK.id) return framework;
  const item = <T extends { label: LocalisedText; description?: LocalisedText }>(i: T): T => ({
    ...i,
    label: completed(i.label),
    ...(i.description ? { description: completed(i.description) } : {}),
  });
  return {
    ...framework,
    name: completed(framework.name),
    outcomes: framework.outcomes.map(item),
    sides: framework.sides.map(item),
    scale: { ...framework.scale, labels: framework.scale.labels.map((l) => ({ ...l, label: completed(l.label) })) },
  };
}
