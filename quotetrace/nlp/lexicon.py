"""Word lists for English news: reporting verbs, titles, organisation heads.

Kept in one place so the rules NER, the extractor and the resolver agree.
All entries are lowercase; lookups casefold.
"""

from __future__ import annotations

# Reporting verbs, every inflection we want to match as a cue. The base forms
# matter too ("says" in present-tense features, "say" for plural subjects).
_CUE_LEMMAS = """
say tell read cite add note explain state warn argue observe remark ask write post tweet continue insist
claim acknowledge admit announce declare emphasize emphasise stress caution conclude reply respond
recall suggest predict urge concede agree confirm counter complain testify articulate echo joke quip
lament vow pledge promise contend maintain reiterate underscore highlight shout yell whisper recount
describe call allege assert charge mention report reveal disclose boast brag concur opine muse
scoff snap retort sigh laugh grumble plead beg demand propose question wonder affirm deny estimate
predict advise instruct inform assure reassure repeat specify clarify elaborate interject interrupt
exclaim cry murmur mutter announce comment caution signal acknowledge summarize summarise surmise
proclaim chant sing scream holler tease taunt gush rave rant thunder bellow sneer protest recite
imply ponder bemoan react grouse gripe fume quote
""".split()

_IRREGULAR = {
    "say": ["says", "said", "saying"],
    "read": ["reads", "reading"],
    "tell": ["tells", "told", "telling"],
    "write": ["writes", "wrote", "writing", "written"],
    "cry": ["cries", "cried", "crying"],
    "deny": ["denies", "denied", "denying"],
    "reply": ["replies", "replied", "replying"],
    "testify": ["testifies", "testified", "testifying"],
    "specify": ["specifies", "specified", "specifying"],
    "clarify": ["clarifies", "clarified", "clarifying"],
    "quip": ["quips", "quipped", "quipping"],
    "admit": ["admits", "admitted", "admitting"],
    "snap": ["snaps", "snapped", "snapping"],
    "scoff": ["scoffs", "scoffed", "scoffing"],
    "plead": ["pleads", "pleaded", "pled", "pleading"],
    "beg": ["begs", "begged", "begging"],
    "brag": ["brags", "bragged", "bragging"],
    "concur": ["concurs", "concurred", "concurring"],
    "signal": ["signals", "signaled", "signalled", "signaling", "signalling"],
    "counter": ["counters", "countered", "countering"],
    "echo": ["echoes", "echoed", "echoing"],
    "question": ["questions", "questioned", "questioning"],
    "post": ["posts", "posted", "posting"],
    "sing": ["sings", "sang", "sung", "singing"],
}


def _inflect(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma]]
    forms = [lemma]
    if lemma.endswith("e"):
        forms += [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith(("sh", "ch", "s", "x", "z")):
        forms += [lemma + "es", lemma + "ed", lemma + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms += [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    else:
        forms += [lemma + "s", lemma + "ed", lemma + "ing"]
    return forms


# Phrasal reporting verbs: "Castellano-Boyd shot back", "she chimed in".
_PHRASAL_CUES = """shot back|fired back|hit back|pushed back|snapped back|wrote back|chimed in|weighed in|
piped up|spoke up|cut in|broke in|joked back|put it|puts it|pointed out|points out|pointing out|summed up|
sums up|went on|goes on|spelled out|spells out""".replace("\n", "").split("|")

# "state" and "states" are nouns far more often than verbs in news ("in many states").
CUE_VERBS: frozenset[str] = (frozenset(f for lemma in _CUE_LEMMAS for f in _inflect(lemma)) | frozenset(_PHRASAL_CUES)) - {"state", "states"}

# Cue phrases that are more than a verb; matched as whole phrases.
CUE_PHRASES = (
    "according to",
    "pointed out",
    "points out",
    "pointing out",
    "put it",
    "puts it",
    "summed up",
    "went on",
    "goes on",
    "spelled out",
    "weighed in",
    "chimed in",
    "noted in a statement",
    "said in a statement",
)

# Cue verbs that make a reported-speech partial quote ("calling it a 'terrorist' assault").
PARTIAL_CUES = CUE_VERBS | frozenset(
    "call calls called calling describe describes described describing dub dubs dubbed dubbing "
    "label labels labeled labelled labeling labelling brand brands branded branding term terms accuse accuses accused accusing "
    "termed terming praise praised praising criticize criticized criticise criticised slam slammed "
    "blast blasted condemn condemned condemning hail hailed decry decried found finds concluded "
    "defend defends defended defending portray portrays portrayed portraying paint paints painted painting "
    "characterize characterizes characterized characterizing characterise characterised dismiss dismisses "
    "dismissed dismissing deride derides derided deriding mock mocks mocked mocking tout touts touted touting".split()
) | frozenset(
    f
    for lemma in """
bemoan ponder imply anticipate expect applaud commend celebrate welcome reject fault chide scold rebuke
lambaste denounce rebut refute threaten recommend remind confide liken equate invoke speculate theorize
theorise hypothesize posit determine pronounce believe predict calculate refer talk speak
""".split()
    for f in _inflect(lemma)
) | frozenset("thought thinks spoke spoken referred referring blamed blames emailed texted messaged credited credits referenced quoted".split())

PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})
# Pronouns and quantifiers that can say something without naming anyone:
# "someone shouted", "many said", "others wrote".
INDEFINITE_SPEAKERS = frozenset(
    "someone somebody anyone anybody everyone everybody nobody others many most some few several both another one".split()
)

# Role nouns: heads of descriptions ("the spokesman") and of appositive titles.
ROLE_NOUNS = frozenset(
    """
spokesman spokeswoman spokesperson spokespeople spokesmen analyst researcher scholar fellow expert
professor director minister secretary president senator governor mayor chief official officer
commander ambassador envoy editor founder co-founder cofounder chairman chairwoman chair ceo executive
economist strategist lawyer attorney judge justice coach manager leader adviser advisor representative
lawmaker legislator congressman congresswoman historian author scientist doctor physician nurse teacher
student resident witness owner worker activist organizer organiser candidate prosecutor sheriff
chancellor premier general colonel captain lieutenant sergeant inspector commissioner superintendent
principal dean head member correspondent reporter columnist consultant partner associate lecturer
investigator detective agent diplomat pastor priest rabbi imam bishop player quarterback pitcher
striker forward guard midfielder goalkeeper driver pilot farmer voter parent mother father son
daughter brother sister wife husband widow friend neighbor neighbour victim survivor protester
demonstrator soldier veteran commentator pollster negotiator mediator aide staffer strategist
administrator regulator auditor treasurer clerk councilman councilwoman councillor councilor
trustee president-elect vice-president deputy undersecretary secretary-general director-general
attorney-general governor-general commissioner general counsel partner chemist physicist biologist
epidemiologist virologist engineer architect designer developer programmer entrepreneur investor
banker trader broker accountant union boss host anchor presenter producer director actor actress
singer rapper musician artist writer novelist poet journalist blogger influencer scientist
researchers analysts officials experts residents witnesses lawmakers leaders sources people
astronaut cosmonaut crewmate astronomer surgeon dentist pharmacist paramedic firefighter lifeguard
ranger trooper deputy marshal warden chef baker tailor barber plumber electrician carpenter
mechanic welder miner rancher fisherman fishermen sailor captain coach trainer referee umpire
goalie linebacker receiver shortstop catcher golfer swimmer sprinter runner boxer fighter wrestler
skater skier cyclist climber hiker dancer comedian filmmaker screenwriter photographer curator
archaeologist anthropologist geologist meteorologist forecaster volcanologist seismologist
oncologist pediatrician psychiatrist psychologist therapist counselor counsellor nutritionist
professor lecturer librarian archivist translator interpreter advocate master emcee
prince princess king queen emir sheikh sultan pope monarch ruler dictator nominee frontrunner
front-runner hopeful contender incumbent challenger delegate superdelegate surrogate backer donor
billionaire mogul magnate tycoon businessman businesswoman celebrity star comedian pundit
""".split()
)

# Plural or vague descriptions that stand as speakers without naming anyone.
DESCRIPTION_HEADS = frozenset(
    """
officials official sources source experts analysts residents witnesses lawmakers leaders community
authorities police investigators prosecutors critics supporters opponents observers diplomats
people protesters demonstrators organizers organisers researchers scientists doctors economists
spokesman spokeswoman spokesperson statement report release letter post memo filing lawsuit complaint
draft study document email indictment affidavit ruling order audit survey analysis proposal transcript
authors researchers scientists editors organizers
suit petition motion brief warrant subpoena bill measure legislation resolution platform ad ads
advertisement commercial spot video clip tweet message note headline editorial op-ed column article
story piece book memoir website site page blog sign banner placard poster leaflet flyer flier card label
caption notice guidance policy rule regulation charter treaty agreement contract text passage verse
script recording tape audio footage speech remarks testimony deposition questionnaire invitation cable
dispatch bulletin newsletter brochure pamphlet ballot poll polls reports studies documents emails letters
outlet publication paper network station broadcaster newspaper magazine tabloid
""".split()
)

# Head words of organisation names and generic organisation references.
ORG_HEADS = frozenset(
    """
ministry department agency office council committee commission court group institute university
college school network command army navy force forces corps police service services bureau board
party company corporation corp inc ltd llc plc bank fund foundation association federation union
organization organisation alliance coalition center centre administration government parliament
congress senate house assembly cabinet embassy consulate authority authorities league club team
times post news journal herald tribune gazette telegraph guardian press agency television tv radio
channel magazine newspaper daily weekly review monitor observer reuters ap afp bbc cnn nbc cbs abc
fox msnbc npr pbs politico axios bloomberg church mosque hospital clinic firm studio airline airlines
airport railway laboratory lab labs institution museum library trust society campaign movement
front brigade battalion division regiment unit initiative program programme project coalition
partnership consortium exchange market markets capital holdings group advisory partners associates
international logistics motors stores systems technologies tech energy pharmaceuticals pharma foods
media health industries solutions software networks communications entertainment insurance
securities ventures enterprises brands petroleum oil gas mining steel airways cruises
hotels resorts restaurants retail dynamics robotics biotech therapeutics semiconductor devices
electric utilities power railroad railways transit authority commission inc. corp. co. llc. ltd.
sheriff's department's office's forum times sun-times tribune-review inquirer chronicle courier
examiner dispatch register star sentinel bulletin standard analytics research watch pac caucus outlet publication broadcaster affiliate
town city village township borough municipality
convention conference centers centres
""".split()
)

# Heads of place names, which look like person names: "Bull Street", "Polk County".
PLACE_HEADS = frozenset(
    """
street st avenue ave road rd boulevard blvd lane drive highway freeway parkway county city state
park river lake mountain mountains valley beach island islands bay square bridge hall center centre
tower building stadium arena field airport station district province region village town heights
hills coast peninsula desert canyon creek falls harbor harbour port plaza mall county's strip
quarter north south east west side loop downtown uptown midtown borough township parish ward
neighborhood neighbourhood corridor gardens terrace court
""".split()
)

# Capitalised words that begin a sentence or name a date and are never names.
NON_NAME_CAPS = frozenset(
    """
the a an this that these those it its he she they we i you his her their our my your there here
in on at for from with by of to as but and or nor so yet if when while after before since until
although though because despite during about against among between through over under into onto
upon within without according meanwhile however also still even then now today yesterday tomorrow
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr sir follow read more share related advertisement caption photo video watch listen
subscribe sign click breaking update updated live analysis opinion editorial exclusive
what why how who where which whose whom both all some many most several each every any no not
one two three four five six seven eight nine ten first second third last next new old
just only already again once never always often sometimes earlier later soon
another neither either besides like unlike whether amid amidst toward towards unless whereas
whatever whoever wherever whenever moreover furthermore likewise nevertheless nonetheless instead
indeed thus hence otherwise perhaps maybe rather ever such
top other few longtime veteran prominent leading
""".split()
)

# Capitalised words of office names ("Undersecretary for Political Affairs",
# "Chief of Staff", "Director of National Intelligence"), never part of a person's name.
OFFICE_WORDS = frozenset(
    """
affairs staff counsel security intelligence homeland policy planning operations communications
relations services development treasury commerce labor labour energy education transportation
agriculture veterans housing budget management strategy outreach public national political
legislative legal economic domestic international
""".split()
)

# Hyphenated adjectives of origin or backing: "Texas-based", "South Korean-born".
ORIGIN_SUFFIXES = ("-born", "-based", "-raised", "-bred", "-educated", "-trained", "-backed", "-led",
                   "-linked", "-allied", "-affiliated", "-funded", "-owned", "-run", "-leaning", "-aligned")

# Pre-nominal titles (capitalised before a name): "Foreign Minister Asaad Al-Shaibani".
TITLE_WORDS = frozenset(
    """
president vice prime minister secretary senator sen sen. rep rep. representative gov gov.
governor mayor judge justice chief general gen gen. col col. colonel lt lt. lieutenant capt capt.
captain sgt sgt. sergeant dr dr. prof prof. professor mr mr. mrs mrs. ms ms. miss sir dame lord
lady king queen prince princess sheikh sheik emir pope ambassador commissioner director chairman
chairwoman chair chancellor speaker leader attorney sheriff coach officer detective agent rabbi imam
father rev rev. reverend bishop cardinal archbishop councilman councilwoman councilmember
superintendent spokesman spokeswoman spokesperson ceo cfo coo cto founder chief executive deputy
interim acting former late foreign interior defense defence finance health state press
foreign-minister admiral adm adm. marshal commander cmdr sec sec. supt supt. det det. insp insp.
rep. del. sens. reps. gens. presidential minority majority whip assemblyman
assemblywoman delegate trustee regent provost dean principal pastor elder brother sister
sultan crown secretary-general president-elect congressman congresswoman administrator treasurer
republican democrat democratic independent libertarian gop moderator host anchor pres pres. mister
co-host co-anchor co-chair co-founder counsel advocate
comptroller auditor assessor clerk coroner controller marshal trooper deputy officer chancellor
""".split()
)

# Name particles that sit lowercase inside a person's name.
NAME_PARTICLES = frozenset(
    "al el bin ibn bint abu abou van von de da del della der den di du la le dos das ter ten y zu".split()
)

# Common English-news first names by gender, only to honour he/she cues.
FEMALE_FIRST_NAMES = frozenset(
    """
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla nancy hillary kamala nikki elise alexandria ilhan rashida
marjorie lauren liz kristi tulsi karoline sheryl oprah taylor beyonce serena simone greta ursula
angela theresa jacinda giorgia marine christine kristalina janet gina kathy gretchen kathy maxine
fatima aisha mariam maryam leila layla noor nour zainab huda rania samira yasmin yasmine
olena yulia svetlana natalia tatiana irina olga anastasia ekaterina xi mei ling
jane caroline carly debbie dianne wendy megyn kellyanne huma susana lena leah lily lucy molly
sally kate katie kathy jill joni deb debby donna ellen erin gail gwen hope iris ivy joy
june kristen kirsten krista lindsay lynn mandy marcia marsha meg melanie mia nora norah paula
peggy penny rachael rebekah rosa sonia stacey sue suzanne tammy tara tina tracy valerie
vanessa vera wanda yvonne zoe
""".split()
)
MALE_FIRST_NAMES = frozenset(
    """
james robert john michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan
wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis joe chuck mitch rob
bob tom tim jim ted ron rand marco ron jd barack bill vladimir volodymyr emmanuel olaf rishi keir
boris benjamin recep narendra xi jair javier gavin greg josh hakeem lindsey elon jeff mark sundar
satya jerome ibrahim ahmed ahmad mohammed muhammad mohamed mahmoud ali hassan
hussein omar khalid abdullah abdul yousef youssef yusuf
sergei sergey dmitry vladimir alexei andrei igor ivan mikhail nikolai oleksandr viktor yuri
ben dan nick matt mike jake luke tad whit stan glenn pete phil hugh bret brett herman grant dexter
rick ricky newt mitt reince jeb rudy mitch reid hank bernie chuck ted todd trey troy tony vince
will wade dean drew guy ray rush cliff dale don doug ed eddie fred gene greg hal harry jon karl
ken kurt lance leon lou max mel neil ned nate ollie rex rod ross roy sid steve stu ty walt wes
howard norman leonard bernard stanley marvin herbert clarence calvin lloyd floyd leroy vernon
""".split()
)

# Abbreviated titles and the role nouns a later "the …" uses for the same person.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "dr": ("doctor", "physician"),
    "sen": ("senator", "lawmaker"),
    "senator": ("lawmaker",),
    "gov": ("governor",),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "representative": ("congressman", "congresswoman", "lawmaker"),
    "gen": ("general",),
    "prof": ("professor",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "capt": ("captain",),
    "sgt": ("sergeant",),
    "det": ("detective",),
    "ald": ("alderman", "alderwoman"),
    "supt": ("superintendent",),
    "atty": ("attorney", "lawyer"),
    "attorney": ("lawyer",),
    "lawyer": ("attorney",),
    "spokesman": ("spokesperson", "spokeswoman"),
    "spokeswoman": ("spokesperson", "spokesman"),
    "spokesperson": ("spokesman", "spokeswoman"),
    "chairman": ("chair",),
    "chairwoman": ("chair",),
    "ceo": ("executive", "chief"),
    "mayor": (),
    "judge": ("justice",),
    "justice": ("judge",),
    "pm": ("prime minister", "premier"),
    "actor": ("star",),
    "actress": ("star",),
    "singer": ("star",),
}

# Nouns for people a story quotes without naming them ("one woman said").
FEMALE_NOUNS = {"woman", "mother", "daughter", "wife", "widow", "sister", "girl", "grandmother", "aunt", "niece", "mom", "actress", "waitress", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "policewoman"}
MALE_NOUNS = {"man", "father", "son", "husband", "widower", "brother", "boy", "grandfather", "uncle", "nephew", "dad", "actor", "waiter", "spokesman", "chairman", "congressman", "businessman", "policeman"}
PERSON_NOUNS = FEMALE_NOUNS | MALE_NOUNS | {
    "resident", "neighbor", "neighbour", "witness", "customer", "passenger", "voter", "fan", "shopper", "worker",
    "student", "parent", "teenager", "child", "owner", "driver", "visitor", "tourist", "bystander", "onlooker",
    "supporter", "protester", "juror", "defendant", "victim", "relative", "member", "official", "source", "person",
    "employee", "officer", "nurse", "doctor", "teacher", "farmer", "veteran", "survivor", "patient", "guard", "backbencher", "booster", "insider", "spectator", "commuter", "homeowner",
    "renter", "tenant", "landlord", "granddaughter", "grandson", "grandchild", "cousin", "fiancee", "fiancée",
    "fiance", "fiancé", "partner", "opponent", "rival", "challenger", "predecessor", "successor", "colleague",
    "ally", "critic", "friend", "coworker", "co-worker", "classmate", "teammate", "roommate", "stepfather",
    "stepmother", "spouse", "kin", "family", "democrat", "republican", "progressive", "conservative",
    "liberal", "moderate", "independent", "co-chair", "chair", "lawmaker", "plaintiff", "petitioner",
    "respondent", "claimant", "appellant", "shopkeeper", "vendor", "diner", "caller", "viewer", "reader", "listener",
}



# US states as news writing abbreviates them after a name ("Sen. Ann Roe (R-Fla.)", "Rep. Bo Li,
# D-Calif."): AP abbreviations and postal codes, to the state's name.
_STATES = """
alabama:ala.,al alaska:ak arizona:ariz.,az arkansas:ark.,ar california:calif.,cal.,ca colorado:colo.,co
connecticut:conn.,ct delaware:del.,de florida:fla.,fl georgia:ga.,ga hawaii:hi idaho:id illinois:ill.,il
indiana:ind.,in iowa:ia kansas:kan.,kans.,ks kentucky:ky.,ky louisiana:la.,la maine:me maryland:md.,md
massachusetts:mass.,ma michigan:mich.,mi minnesota:minn.,mn mississippi:miss.,ms missouri:mo.,mo
montana:mont.,mt nebraska:neb.,nebr.,ne nevada:nev.,nv new_hampshire:n.h.,nh new_jersey:n.j.,nj
new_mexico:n.m.,n.mex.,nm new_york:n.y.,ny north_carolina:n.c.,nc north_dakota:n.d.,nd ohio:oh
oklahoma:okla.,ok oregon:ore.,or pennsylvania:pa.,penn.,pa rhode_island:r.i.,ri south_carolina:s.c.,sc
south_dakota:s.d.,sd tennessee:tenn.,tn texas:tex.,tx utah:ut vermont:vt.,vt virginia:va.,va
washington:wash.,wa west_virginia:w.va.,w.v.,wv wisconsin:wis.,wisc.,wi wyoming:wyo.,wy
""".split()
US_STATES: dict[str, str] = {}  # every spelling, lowercase, to the state's name
for _entry in _STATES:
    _name, _abbrevs = _entry.split(":")
    _name = _name.replace("_", " ")
    US_STATES[_name] = _name
    for _a in _abbrevs.split(","):
        US_STATES[_a] = _name
        US_STATES[_a.rstrip(".")] = _name
del _entry, _name, _abbrevs, _a

# Roles of people who report and comment on the news, not of those in office.
MEDIA_ROLES = frozenset(
    """
anchor co-anchor host co-host moderator reporter correspondent columnist editor commentator pundit
journalist interviewer presenter producer blogger writer critic pollster
""".split()
)

# Offices one person rarely holds two of at once: "the senator" is no one introduced as governor.
OFFICES = frozenset(
    """
president vice-president president-elect senator governor mayor secretary minister premier chancellor
congressman congresswoman representative spokesman spokeswoman spokesperson judge justice sheriff
ambassador prosecutor attorney chairman chairwoman ceo director commissioner general admiral
prince king queen emir sultan pope actor actress singer rapper
""".split()
)

# What news writing calls well-known outlets for short.
OUTLET_NICKNAMES: dict[str, str] = {
    "huffpo": "Huffington Post",
    "huffpost": "Huffington Post",
    "wapo": "Washington Post",
    "nyt": "New York Times",
    "nytimes": "New York Times",
    "wsj": "Wall Street Journal",
    "latimes": "Los Angeles Times",
    "ajc": "Atlanta Journal-Constitution",
    "beeb": "BBC",
}
