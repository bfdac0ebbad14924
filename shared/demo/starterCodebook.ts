/**
 * The starter codebook and documents of the demo project that Marginalia opens with on first
 * run: a framing analysis of the Oakland anti-trafficking debate (2012–2014), shipped as pure
 * data so the renderer, the command line and the tests read the same tree.
 *
 * Invariants (checked by tests/unit/shared/demo.test.ts):
 * - Every anchor example is an exact substring of a demo text in renderer/demo/corpus/, curly
 *   quotes, non-breaking spaces (written `\u00A0`) and en dashes included, so it can be found
 *   and highlighted by offset. Authors' spelling is kept ("exploiation").
 * - Top-level codes are categories (`isCodable: false`); only their children are applied.
 * - Each category has one hue family; shades differ among siblings and stay readable behind
 *   black text when painted at ~35 % opacity.
 *
 * No anchor comes from the passage signed "anonymous sex worker" in the protesters' statement:
 * its author objects, in the first reader response, to being quoted without permission.
 */
import type { Code, CodeId, ProjectId } from '../model/index.ts';

/** One code of the starter codebook, with its children; flattened into `Code` rows on import. */
export interface StarterCode {
  readonly name: string;
  /** `#rrggbb` */
  readonly color: string;
  /** One sentence: what the code captures. */
  readonly description: string;
  readonly definition: string;
  /** When to apply the code ("Code when …"). */
  readonly inclusion: string;
  /** When not to, and which code to use instead ("Do not code when … (use X instead)"). */
  readonly exclusion: string;
  /** Anchor examples, each quoted verbatim from a demo text. */
  readonly examples: readonly string[];
  /** `false` for a category that only groups codes. */
  readonly isCodable: boolean;
  readonly children: readonly StarterCode[];
}

/** A demo document: its file in renderer/demo/corpus/ and the name shown in the document list. */
export interface StarterDocument {
  readonly file: string;
  readonly name: string;
}

/**
 * The demo texts in reading order: the outside report of the protest first, then the
 * protesters' own statement, then the advocate's post written a year and a half later.
 */
export const STARTER_DOCUMENTS: readonly StarterDocument[] = [
  { file: '2012-06-heat-protest-news-report.txt', name: 'News report: Occupy Oakland protest at the H.E.A.T. conference (2012)' },
  { file: '2012-06-14-occupy-patriarchy-statement.txt', name: 'Protest statement: Occupy Patriarchy, with reader responses (2012)' },
  { file: '2014-01-trafficking-awareness-month.txt', name: 'Advocate’s blog post: Human Trafficking Awareness Month (2014)' },
];

/** A category: groups codes, is never applied to text itself. */
function category(name: string, color: string, description: string, definition: string, children: readonly StarterCode[]): StarterCode {
  return { name, color, description, definition, inclusion: '', exclusion: '', examples: [], isCodable: false, children };
}

const FRAMING: readonly StarterCode[] = [
  {
    name: 'Child protection',
    color: '#1f45c2',
    description: 'The problem is the sexual exploitation of minors, who cannot consent.',
    definition: 'The speaker defines the issue as the commercial sexual exploitation of children: minors are victims of abuse and trafficking, never willing participants, so they are to be protected and helped to exit rather than treated as offenders.',
    inclusion: 'Code when a passage presents children or youth as victims who cannot consent, rejects labels such as “teen prostitute”, equates buying a minor for sex with child abuse, or calls for resources so that exploited youth can heal and exit.',
    exclusion: 'Do not code when child protection is mentioned only as the stated aim of an event the speaker calls a pretext (use Policing and repression), nor when the argument concerns adults’ choice to sell sex (use Sex work as labour).',
    examples: ['There is a need to see these children as victims of such heinous crimes and not paint them as “teen prostitutes” there is NO SUCH THING.', 'A child cannot legally consent to sex, how can s/he perpetrate the “crime” of prostitution when s/he is unable to consent to the act.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Sex work as labour',
    color: '#1cb1e3',
    description: 'Commercial sex is work, chosen among constrained options.',
    definition: 'The speaker treats selling sex as labour that adults may choose, given limited alternatives, and sex workers as workers with a voice and rights of their own rather than as victims by definition.',
    inclusion: 'Code when a passage calls prostitution work, describes entering it as a choice made under constraint, voices pride in being a sex worker, or claims rights for sex workers (e.g. decriminalisation).',
    exclusion: 'Do not code when constraint is used to argue that no work under capitalism is consensual (use Anti-capitalist critique), nor when minors are concerned (use Child protection).',
    examples: ['For some people, sex work is just a better choice, given the poverty of viable alternatives.', 'At least one sign declared the carrier was a “sex worker and proud of it.”'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Anti-capitalist critique',
    color: '#2e457a',
    description: 'Exploitation follows from having to sell one’s labour under capitalism.',
    definition: 'The speaker locates the root of exploitation, in the sex trade and beyond, in the economic system: because everyone must sell their labour to survive, no work is fully consensual, and only structural or revolutionary change will end exploitation.',
    inclusion: 'Code when capitalism, poverty or the need to sell labour to survive is named as the cause of exploitation or of entry into sex work, including calls for anti-capitalist revolution and reports of such claims.',
    exclusion: 'Do not code when constrained choice is used to defend sex work as legitimate work (use Sex work as labour), nor when the state or police are criticised without an economic argument (use Policing and repression).',
    examples: ['Ultimately, no form of work is truly consensual given the conditions of work under Capitalism. We all have to sell our labor to survive.', 'Occupy Oakland still opposes the event and believes only a “total anti-capitalist revolution” will thwart the sex trade'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Policing and repression',
    color: '#401acf',
    description: 'Anti-trafficking measures are an expansion of police power.',
    definition: 'The speaker presents anti-trafficking work (conferences, stings, coordination, ballot measures) as a pretext or vehicle for more policing, surveillance, prosecution and state repression of sex workers and their communities.',
    inclusion: 'Code when a passage says anti-trafficking efforts serve to increase policing, to criminalise sex workers or to empower police, prosecutors and prisons, or calls concern for victims a pretext or cover.',
    exclusion: 'Do not code when the motive attributed to opponents is morality or religion (use Moral or religious agenda), nor when the cause named is capitalism itself (use Anti-capitalist critique).',
    examples: ['The H.E.A.T. Conference is Just Another Excuse to Police Us!', 'This conference is actually a launching pad for measures that will increase policing, such as national coordination of police surveillance and the introduction of ballot initiatives to further criminalize prostitution in California.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Moral or religious agenda',
    color: '#a659c1',
    description: 'Opponents’ stance is presented as moral policing driven by religious or moralising agendas.',
    definition: 'The speaker attributes the opposing side’s position to morality, religion or sexual conservatism, so that anti-trafficking work appears as an attempt to police bodies and sexuality rather than to protect people.',
    inclusion: 'Code when a passage names religious institutions, moralising, or anti-sex politics as the motive behind anti-trafficking or anti-prostitution positions, or rejects the moral policing of bodies.',
    exclusion: 'Do not code when the motive attributed is state or police power (use Policing and repression), nor when the complaint is about which forms of trafficking get attention (use Sensationalism).',
    examples: ['It is only thanks to the power of religious institutions and their policing of morality that the spotlight gets shone onto those of us who labor physically in the bedroom.', 'We reject any moral policing of our bodies.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Community responsibility',
    color: '#93a8f4',
    description: 'Exploitation is a problem the whole community must recognise and act on.',
    definition: 'The speaker frames exploitation as happening within the speaker’s own community, or in any community, and calls on ordinary people, not only police or specialists, to notice it and to act.',
    inclusion: 'Code when a passage says exploitation happens in “our community” or in any community, calls it a community issue, or tells bystanders that looking away is itself a failure (e.g. “Turning a Blind eye is Neglect”).',
    exclusion: 'Do not code when the passage argues only that minors are victims who cannot consent (use Child protection), nor when communities appear only as targets of policing (use Policing and repression).',
    examples: ['Its to illustrate that while this crime is still occurring everyday in our community & making it a community issue.', 'Address CSEC as a problem that \u00A0happens in any community. Exploiters exploit anyone.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Sensationalism',
    color: '#ca30e1',
    description: 'The focus on sex trafficking is sensationalist and hides other forced labour.',
    definition: 'The speaker claims that attention to sex trafficking is driven by its shock value, and that this focus leaves trafficking and forced labour in other industries unseen.',
    inclusion: 'Code when a passage calls the emphasis on sex sensationalist or exploited for its shock value, or says that other forms of trafficking are ignored because of it, including readers endorsing that argument.',
    exclusion: 'Do not code when the shock value is tied to moralising or religious motives (use Moral or religious agenda); code the forced labour itself, without a complaint about focus, under Harm claim › Forced labour outside the sex industry.',
    examples: ['Clearly, human trafficking is a heinous practice, but the perpetual focus on sex is uncritically sensationalist', 'Thank you very much for addressing the issue of sensationalism with efforts to fight human trafficking.'],
    isCodable: true,
    children: [],
  },
];

const ACTOR: readonly StarterCode[] = [
  {
    name: 'Law enforcement and prosecutors',
    color: '#3f6212',
    description: 'Police, vice squads, district attorneys and the criminal justice system.',
    definition: 'Agencies and people who enforce the criminal law: police departments and officers, vice squads, district attorneys and their offices, and the criminal justice system as an institution.',
    inclusion: 'Code when police, an officer, “the vice squad”, a district attorney or DA’s office, or “the criminal justice system” is named as acting, speaking or being acted upon, including by a derogatory name (“pigs”).',
    exclusion: 'Do not code legislators, government officials or ballot campaigns (use Politicians and ballot campaigns), nor nonprofits that merely work alongside police (use Nonprofits and service providers).',
    examples: ['This is yet another instance of police and the criminal justice system colluding for increased policing in places where sex work takes place', 'Nancy O’Malley’s office with Alameda County District Attorney’s Office held a press conference'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Politicians and ballot campaigns',
    color: '#64a51a',
    description: 'Elected officials, political leaders and campaigns for bills or ballot measures.',
    definition: 'People and organisations acting in the political arena: politicians, government officials and political leaders, and the proponents of bills or ballot initiatives such as the CASE Act.',
    inclusion: 'Code when a politician, “government officials”, “political leaders”, a bill or a ballot measure and its proponents are named.',
    exclusion: 'Do not code district attorneys even though they are elected (use Law enforcement and prosecutors), nor advocacy groups unless the activity named is a bill or ballot campaign (use Nonprofits and service providers).',
    examples: ['the main proponents of an upcoming ballot measure (“CASE Act”) which criminalizes providing support to sex workers in the name of preventing sex trafficking.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Nonprofits and service providers',
    color: '#139b59',
    description: 'Non-profit organisations, advocates and services working with exploited people or sex workers.',
    definition: 'Non-governmental organisations and their staff (service providers, advocacy and anti-trafficking groups, child safety advocates) named as acting, as partners of other actors, or as the author’s employer.',
    inclusion: 'Code when a nonprofit, advocacy or anti-trafficking group, service provider or its staff is named, e.g. MISSSEY, SAGE, “child safety advocates” or “anti-sex-trafficking groups”.',
    exclusion: 'Do not code the protesters’ own groups (use Protest movement), nor organisations named for running a ballot measure (use Politicians and ballot campaigns).',
    examples: ['Some nonprofit organizations represented at H.E.A.T. provide valuable resources that are otherwise unavailable to support sex workers, such as queer friendly healthcare', 'MISSSEY is as an organization works with +90 clients per month to provide services to girls at-risk or identifying as CSEC.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Sex workers',
    color: '#c2e31d',
    description: 'Adults who sell sex, whether they speak, are spoken about or are acted upon.',
    definition: 'Adults engaged in commercial sex (sex workers, prostitutes, “workers” in the sex industry), whether speaking for themselves, spoken for, or the object of others’ actions.',
    inclusion: 'Code when sex workers or prostitutes are named or speak, including self-identification (“sex worker and proud of it”) and questions about their voice or absence.',
    exclusion: 'Do not code minors in the sex trade, even when a source calls them prostitutes (use Exploited children and youth), nor protesters unless they speak as sex workers (use Protest movement).',
    examples: ['The vast majority of these work directly with law enforcement or politicians to criminalize sex workers. \u00A0Where is the voice of the sex workers?'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Exploited children and youth',
    color: '#29dd62',
    description: 'Minors who are, or are at risk of being, sexually exploited.',
    definition: 'Children and young people named as victims, survivors or people at risk of commercial sexual exploitation, including those a source calls “teen prostitutes”, “minors” or “juveniles”.',
    inclusion: 'Code when children, youth, minors, girls or boys who are victims, survivors or at risk of commercial sexual exploitation are named as acting, speaking or being acted upon.',
    exclusion: 'Do not code adults in the sex trade (use Sex workers), nor the organisations that serve exploited youth (use Nonprofits and service providers).',
    examples: ['Boys are exploited just as much as girls, but it is more of a hidden problem because the predominant narrative has been the exploiation of girls.', 'Another purpose of this campaign has been to get our youth who were exploited or are being exploited to gain access to resources for their healing and exit from “the life.”'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Protest movement',
    color: '#2e7a74',
    description: 'Occupy Oakland, Occupy Patriarchy and the protesters at the conference.',
    definition: 'The protesters and the movement they belong to (Occupy Oakland, Occupy Patriarchy, OWS), including the first-person “we” of the protest statement, named as acting, speaking or being acted upon.',
    inclusion: 'Code when the protest group, its members, signs, statements or press releases are named, or when readers address the protesters or the Occupy movement.',
    exclusion: 'Do not code sex workers speaking for themselves outside the protest (use Sex workers), nor the outlets that relay the protesters’ statements (use News media).',
    examples: ['Occupy Patriarchy disrupts Law Enforcement’s “Anti-Sex-Trafficking” Conference', 'what will the occupy movement do in the fight against human trafficking?'],
    isCodable: true,
    children: [],
  },
  {
    name: 'News media',
    color: '#3cc8bb',
    description: 'News outlets and “the media” reporting on or shaping the debate.',
    definition: 'Media organisations and their owners named as reporting, republishing or shaping the story, e.g. The Blaze, PJ Media, CBS Atlanta News or “the media” in general.',
    inclusion: 'Code when a news outlet, its owners or “the media” is named as a source, as the publisher of someone’s statement, or as an actor with views of its own.',
    exclusion: 'Do not code the protesters’ own blog or Facebook page (use Protest movement), nor a statement an outlet relays when the outlet itself is not named (code the speaker instead).',
    examples: ['I guess the people who buy newspaper companies and media outlets hate prostitution, and love to tell lies about it.', 'according to press release excerpts republished along with a protest video on The Blaze.'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Buyers and exploiters',
    color: '#a3d977',
    description: 'People who buy sex or profit from exploiting others: clients, johns, pimps, traffickers.',
    definition: 'Those who purchase sex, or who coerce, control or profit from others in the sex trade or in forced labour: clients or “johns”, pimps, traffickers, “criminals who prey upon the weakest”, “rings of exploitation”.',
    inclusion: 'Code when buyers, clients, johns, pimps, traffickers or exploiters are named, whether they are condemned, defended or addressed directly (as on the billboard).',
    exclusion: 'Do not code police or officials accused of abusing sex workers (use Law enforcement and prosecutors), nor employers in general unless they are said to force or exploit workers.',
    examples: ['catch criminals who prey upon the weakest members of society and then essentially enslave them in the sex trade', 'Buying a Teen for Sex is Child Abuse. Turning a Blind eye is Neglect'],
    isCodable: true,
    children: [],
  },
];

const HARM_CLAIM: readonly StarterCode[] = [
  {
    name: 'Sexual exploitation of children',
    color: '#e54943',
    description: 'Children are harmed by being bought, coerced or forced into commercial sex.',
    definition: 'An assertion that minors suffer abuse, trauma or trafficking through commercial sexual exploitation, including being bought for sex or coerced into prostitution.',
    inclusion: 'Code when a passage asserts that children or youth are coerced, forced, bought, trafficked or traumatised in commercial sex, or that buying or prostituting a minor is child abuse.',
    exclusion: 'Do not code the arrest of minors for prostitution (use Criminalisation harms), nor harm to adult sex workers (use Police abuse of sex workers or Stigma and invisibility).',
    examples: ['It is to bring light to the fact that children are coerced or forced into prostitution.', 'when children are being prostituted, its child abuse and under our criminal code\u00A018 USC § 2251, it is a form of human trafficking as well'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Police abuse of sex workers',
    color: '#88204a',
    description: 'Police mistreat sex workers: sex during stings, demands for sexual favours, violence, ignored reports.',
    definition: 'An assertion that police officers abuse sex workers directly: engaging in sex during stings, demanding sexual favours to drop charges, violence, or refusing to take their reports of violence.',
    inclusion: 'Code when a passage asserts that police or officers sexually exploit, coerce, threaten or ignore sex workers, including reports of specific incidents and abuse “at the hands of the police”.',
    exclusion: 'Do not code harm flowing from the law itself: arrest, prosecution, deportation or prison (use Criminalisation harms).',
    examples: ['A College Park police officer has quit and another is still on the force after prostitutes alleged having sex with them to have their cases dropped.', 'they often regard even the more severe abuses they encounter at the hands of the police as little more than hazards of the job'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Criminalisation harms',
    color: '#7a432e',
    description: 'Harm done by the criminal law itself: arrest, prosecution, deportation and prison.',
    definition: 'An assertion that people, mostly sex workers, minors in the sex trade and their communities, are harmed by being criminalised: arrests, convictions, imprisonment, deportation, and laws that criminalise sex work or support for sex workers.',
    inclusion: 'Code when a passage asserts that arrest, prosecution, conviction, imprisonment, deportation or a criminalising law harms people, including minors arrested for prostitution.',
    exclusion: 'Do not code misconduct by individual officers (use Police abuse of sex workers); code the argument that anti-trafficking serves police power, where no harm is asserted, under Framing › Policing and repression.',
    examples: ['this conference is about arrests, convictions, imprisonment, and deportation– in short, it is about refining the state’s techniques of repression', 'The Bureau of Justice \u00A0Statistics’ 2010 noted that out of the 62,670\u00A0arrests made in regards to Prostitution & Commercialized Vices\u00A01,040 arrests\u00A0were against\u00A0juveniles'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Forced labour outside the sex industry',
    color: '#dfb53c',
    description: 'People are forced to work in construction, hospitality, agriculture and other industries.',
    definition: 'An assertion that trafficking and forced labour harm workers outside the sex trade: forced migration, clandestine work, and dangerous or damaging labour they would not otherwise agree to.',
    inclusion: 'Code when a passage asserts that people are forced, trafficked or exploited in work other than sex work, or names the industries where this happens.',
    exclusion: 'Do not code the forced prostitution of minors (use Sexual exploitation of children); code a complaint that these harms are ignored, without the harm itself, under Framing › Sensationalism.',
    examples: ['Many people are forced to migrate, to labour clandestinely, or to engage in forms of labour they might otherwise never agree to.', 'The problem of human trafficking includes people who work in construction, hospitality, or agriculture, who also find themselves at the mercy of rings of exploitation'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Stigma and invisibility',
    color: '#e21c6e',
    description: 'People are harmed by stereotypes, social stigma, or having their exploitation go unseen.',
    definition: 'An assertion that a group suffers from negative stereotypes, social stigma or silencing, or that its exploitation goes unrecognised, e.g. prostitutes portrayed as unable to think, exploited boys hidden by the focus on girls.',
    inclusion: 'Code when a passage asserts that a group is stereotyped, stigmatised, lied about, silenced or overlooked, and that this harms it.',
    exclusion: 'Do not code forced labour said to be overlooked (use Forced labour outside the sex industry), nor direct mistreatment by police (use Police abuse of sex workers).',
    examples: ['They say that all prostitutes are either forced against their will or mentally ill.', 'There’s also social stigma for boys to be in a place of vulnerability and a condition in our society that doesn’t allow for them to be vulnerable'],
    isCodable: true,
    children: [],
  },
  {
    name: 'Harm to the conference',
    color: '#cf661c',
    description: 'The conference is harmed by the protest: disruption, eggs thrown, doors rushed.',
    definition: 'An assertion or report that the protest damaged, disrupted or threatened the H.E.A.T. conference, its organisers or its attendees.',
    inclusion: 'Code when a passage reports the meeting being disrupted, eggs thrown, fog horns blared, the doors rushed, or other harm or nuisance to the conference.',
    exclusion: 'Do not code protest that stays with signs, chants and statements (use Actor › Protest movement), nor harms the protesters say the conference causes (use Criminalisation harms).',
    examples: ['Eggs were thrown and fog horns blared as OWS members tried to push their way through the doors.', 'Members of the Occupy Oakland group went beyond sign carrying and chanting when attempting to rush into the conference center and disrupt the meeting.'],
    isCodable: true,
    children: [],
  },
];

/**
 * The starter codebook: three categories (Framing, Actor, Harm claim) and their codable
 * children, in display order.
 */
export const STARTER_CODEBOOK: readonly StarterCode[] = [
  category(
    'Framing',
    '#504acf',
    'How a speaker defines what the problem is.',
    'Code the diagnosis a passage puts forward, whether the author’s own or attributed to someone quoted or reported. A passage may carry more than one frame; a frame reported only to be rejected is coded under the frame the speaker puts in its place.',
    FRAMING,
  ),
  category(
    'Actor',
    '#309137',
    'Who is named as acting, speaking or being acted upon.',
    'Code the clause in which an actor is named, once for every kind of actor it names. Code who is named, not who is merely implied.',
    ACTOR,
  ),
  category(
    'Harm claim',
    '#d2432d',
    'An assertion that someone is harmed, and by what.',
    'Code the clause that states a harm, whoever asserts it and whether or not the coder finds it credible. A passage naming several harms gets each code.',
    HARM_CLAIM,
  ),
];

/**
 * Flattens a starter tree into `Code` rows, parents before their children, each with its
 * `parentId` and its `order` among siblings. Anchor examples are joined one per line.
 *
 * @example
 * let n = 0;
 * flattenStarterCodebook(STARTER_CODEBOOK, () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, projectId)
 * // → [{ name: 'Framing', parentId: null, order: 0, … },
 * //    { name: 'Child protection', parentId: <Framing's id>, order: 0, … },
 * //    { name: 'Sex work as labour', parentId: <Framing's id>, order: 1, … }, …]
 */
export function flattenStarterCodebook(tree: readonly StarterCode[], makeId: () => string, projectId: ProjectId): Code[] {
  const codes: Code[] = [];
  const visit = (siblings: readonly StarterCode[], parentId: CodeId | null): void => {
    siblings.forEach((starter, order) => {
      // The caller mints the GUID; this is the one place it becomes a CodeId.
      const id = makeId() as CodeId;
      codes.push({
        id,
        projectId,
        parentId,
        name: starter.name,
        color: starter.color,
        description: starter.description,
        definition: starter.definition,
        inclusion: starter.inclusion,
        exclusion: starter.exclusion,
        examples: starter.examples.join('\n'),
        isCodable: starter.isCodable,
        order,
      });
      visit(starter.children, id);
    });
  };
  visit(tree, null);
  return codes;
}
