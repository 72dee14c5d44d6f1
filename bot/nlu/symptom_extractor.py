"""Rasa NLU component: symptom findings as entities, and the triage assessment of the message.

Runs inside the Rasa server, so urgency is known even if the action server is down. Two
detectors: the deterministic one (spaCy patterns from data/clinical/red_flags.yml, with the
context rules), on the spelling-normalised text; and the learned one (bot/detect/learned.py),
trained here from data/findings/ when the model is trained, which can only raise the level.
Adds a `symptom` entity per asserted finding (visible in /model/parse and the tracker) and the
whole assessment under the message's `triage` key for the safety net and the actions.

It also reads the conversation so far (Rasa gives an NLU component the tracker when its `process`
asks for it): each message's own findings and what it says about the conversation are kept with
the message (key `episode_turn`), and a message that adds to the current episode is graded with
the earlier ones (bot/triage/episode.py). A detail that only makes sense after the message before
("it won't stop", "it's 39.9 now") is read with that message in front of it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.events import Restarted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.detect import default_detector
from bot.detect.combine import CLASSIFIER
from bot.detect.conversation import TurnCues, default_cue_reader
from bot.detect.followup import FollowUpClassifier, followups_fingerprint, load_followups
from bot.detect.learned import FindingClassifier, corpus_fingerprint, everyday_negatives, load_training_corpus
from bot.detect.pipeline import FindingPipeline
from bot.detect.spelling import SpellingNormaliser
from bot.detect.text import normalise
from bot.intents import REPORT_UNWELL, TRIAGE_INTENTS
from bot.nlu import StoredComponent
from bot.nlu.relevance import names_health
from bot.triage import Assessment, default_engine
from bot.triage.engine import rank as rank_of
from bot.triage.episode import TurnPayload, grade_episode, turn_payload
from bot.triage.findings import ASSERTED, EXPLAINED, RESOLVED, SOMEONE_ELSE, Detection, Mention
from bot.triage.lexicon import load_cues

TRIAGE_KEY = "triage"
EPISODE_TURN_KEY = "episode_turn"
# What the intent classifier (before this component) calls thanks or a greeting: after a crisis
# statement, everything else gets the crisis reply again.
NOT_A_REPORT = frozenset(
    (
        "greet",
        "goodbye",
        "thank",
        "bot_challenge",
        "what_can_you_do",
        "faq",
        "make_note",
        "start_conversation",
        "ask_human",
    )
)
# An episode is read back at most this many messages (a session ends after an hour's silence anyway).
EPISODE_MAX_TURNS = 30
# Intents whose examples describe symptoms: never negatives for the learned detector.
SYMPTOM_INTENTS = frozenset((*TRIAGE_INTENTS, REPORT_UNWELL))
SYMPTOM_ENTITY = "symptom"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class SymptomExtractor(StoredComponent, EntityExtractorMixin):
    STORED_FILE = "finding_classifier.pkl"
    FOLLOWUP_FILE = "followup_classifier.pkl"
    followups: FollowUpClassifier | None = None  # read_more() or train() sets it

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # The learned detector's findings count from this probability (decided on the
            # development half of the blind triage corpus; see the README).
            "learned_threshold": 0.4,
            "learned_thresholds": {},  # per table row, where one needs another value
            # From this probability the classifier's reading beats a question's or hearsay's shape
            # ("...coffee grounds??"); None: never.
            "learned_sure": None,
            # ...and from this one it beats a plainer finding the patterns read (`defers_to`).
            "learned_certain": None,
            "spelling": True,  # normalise spelling before the patterns (bot/detect/spelling.py)
            # From this probability a later message the cue words did not read says the episode is
            # over (bot/detect/followup.py); None: only the cue words.
            "followup_over": None,
            # The same after an episode that reached an emergency, and only when the message says
            # emergency care sent the person home (`_learned_end`); None: only the cue words end one.
            "followup_over_emergency": None,
            # From this probability a later message the cue words did not read as a correction is one
            # (bot/detect/followup.py); None: only the cue words.
            "followup_taken_back": None,
            "C": 4.0,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # The training corpora are not Rasa training data: retrain whenever they change.
        return corpus_fingerprint() + followups_fingerprint()

    def read_more(self, directory: Path) -> None:
        followups = directory / self.FOLLOWUP_FILE
        if followups.exists():
            self.followups = FollowUpClassifier.loads(followups.read_bytes())

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        super().__init__(config, model_storage, resource, stored)
        # Built once when the model loads, not per message.
        self.pipeline = FindingPipeline(
            default_detector(),
            SpellingNormaliser() if config.get("spelling", True) else None,
            FindingClassifier.loads(stored) if stored else None,
            float(config["learned_threshold"]),
            dict(config.get("learned_thresholds") or {}),
            _optional_float(config, "learned_sure"),
            _optional_float(config, "learned_certain"),
        )
        self.engine = default_engine()
        who = load_cues().who
        self._always_counts = frozenset(who.get("always_counts", ()))
        names = sorted((re.escape(name) for name in who.get("medicine", ())), key=len, reverse=True)
        self._medicine_names = re.compile(rf"\b(?:{'|'.join(names)})\b", re.IGNORECASE)

    def train(self, training_data: TrainingData) -> Resource:
        detector = self.pipeline.detector
        everyday = everyday_negatives(
            (
                example.get(TEXT) or ""
                for example in training_data.intent_examples
                if example.get(INTENT) not in SYMPTOM_INTENTS
            ),
            lambda text: bool(detector.detect(text).mentions),
        )
        classifier = FindingClassifier.train(
            load_training_corpus() + everyday, detector.lexicon.learned_findings.keys(), c=float(self.config["C"])
        )
        self.pipeline.classifier = classifier
        examples = load_followups()
        self.followups = FollowUpClassifier.train(examples) if examples else None
        more = {self.FOLLOWUP_FILE: self.followups.dumps()} if self.followups is not None else {}
        return self._store(classifier.dumps(), more)

    def assess(self, text: str) -> tuple[Detection, Assessment]:
        detection = self.pipeline.detect(text)
        return detection, self.engine.grade(detection)

    def process(self, messages: list[Message], tracker: DialogueStateTracker | None = None) -> list[Message]:
        earlier = episode_turns(tracker) if tracker is not None else []
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            detection, own = self.assess(text)
            if earlier and not text.lstrip().startswith("/"):
                detection = self._with_earlier(detection, earlier)
                own = self.engine.grade(detection)
            talk = self._temperature_talk(earlier)
            cues = default_cue_reader().read(text, temperature_talk=talk)
            if earlier and cues.not_on_it and not self._given_to_someone_else(text, earlier):
                cues = default_cue_reader().read(text, temperature_talk=talk, given_away=False)
            if earlier:
                cues = self._learned_correction(text, cues, earlier, talk, own)
                if cues.dated and default_cue_reader().told_now(_latest_report(earlier)[0]):
                    cues = replace(cues, dated=False)
                swapped = self._swapped(text, detection, earlier) if cues.correction else None
                if swapped is not None:
                    detection, own = swapped, self.engine.grade(swapped)
            # What the message names of the earlier findings narrows an ending the cue words heard (the
            # classifier's "over" is only heard where the message names nothing it could be) and a
            # correction of the words typed.
            names: list[str] = []
            if earlier and (cues.ended or cues.replaces):
                names = self._names(text, earlier, quoted=cues.replaces)

            if earlier:
                cues = self._learned_end(text, cues, detection, earlier, names)
            left: list[str] = []
            if earlier and not (cues.ended_all or cues.ended_it):
                cues, left, names = self._ended_leaving(text, cues, detection, earlier, names)
            intent = (message.get(INTENT) or {}).get("name")
            turn = self._turn(detection, own, cues, small_talk=intent in NOT_A_REPORT)
            turn["names"] = names
            turn["left_behind"] = left
            if cues.someone_else:
                turn["writers"], turn["theirs"] = self._whose_in_giving_away(text, detection, own)
            turn["sure_take_back"] = bool(earlier and cues.correction and self._sure_take_back(text, earlier))
            message.set(EPISODE_TURN_KEY, turn, add_to_output=True)
            episode = grade_episode([t for _, t in earlier], turn, self.engine).assessment if earlier else None
            assessment = episode or own
            entities = [
                {
                    "entity": SYMPTOM_ENTITY,
                    "value": mention.code,
                    "start": mention.start,
                    "end": mention.end,
                    "confidence_entity": 1.0,
                }
                for mention in detection.mentions
                if mention.asserted and mention.code in assessment.findings + assessment.context_only
            ]
            if entities:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
            message.set(TRIAGE_KEY, assessment.as_payload(), add_to_output=True)
        return messages

    def _whose_in_giving_away(self, text: str, detection: Detection, own: Assessment) -> tuple[list[str], list[str]]:
        """In a message that gives the report to someone else, the findings said in a sentence about
        the writer or more than one ("and mine is 38.9", "temp 38.9 here too": kept even if given away),
        and those said in a sentence about that person and nobody else ("he has a cold"): only what is
        minor whoever has it (a reviewer's named patients, "Jacob has a sore throat", showed a sentence
        can be misread), never what counts whoever it is about (an exposure, a dose)."""
        reader = default_cue_reader()
        # An emergency, even from a combination ("he has a stiff neck and a temp of 39"): nothing is
        # given away that makes it.
        person = reader.given_to(text) if own.level != "emergency" else ""
        writers, theirs = set(), set()
        for mention in detection.mentions:
            if not mention.asserted:
                continue
            finding = self.engine.lexicon.finding(mention.code)
            if reader.speaks_of_writer(text, mention.start):
                writers.add(mention.code)
            if (
                person
                and finding.row not in self._always_counts
                # Only what is minor whoever has it ("he has a cold"): an urgent sign is kept, as is a
                # sign that only counts beside another (a stiff neck).
                and finding.level in ("routine", "soon")
                and reader.said_of(text, mention.start, person)
            ):
                theirs.add(mention.code)
        return sorted(writers), sorted(theirs - writers)

    def _given_to_someone_else(self, text: str, earlier: list[tuple[str, TurnPayload]]) -> bool:
        """Whether "she isn't on azathioprine, I'm fine" (or a correction saying so) gives the latest
        report away: not what counts whoever it is about (a child who swallowed a tablet, an extra
        dose, an infection contact: the person not on it may be exactly who swallowed it or carries
        the infection), nor when the report named someone and the denial names someone else ("Dad's
        crushing chest pain" ... "His wife isn't on aza, she's driving")."""
        report, codes = _latest_report(earlier)
        if self._always_counts & {self.engine.lexicon.finding(c).row for c in codes}:
            return False
        reader = default_cue_reader()
        named, reported = reader.someone_else_named(text), reader.people_in(report)
        # A pronoun ("she isn't on it") could be the person reported.
        return not reported or named in reported or not reader.people_in(named)

    def _learned_correction(
        self, text: str, cues: TurnCues, earlier: list[tuple[str, TurnPayload]], temperature_talk: bool, own: Assessment
    ) -> TurnCues:
        """The cues, read as a correction when the follow-up classifier is sure the message takes back
        what was reported, in words the cue list does not have ("that number was my husband's, mine
        is 36.6", "it's paint from the fence"). A correction only takes back what it denies or
        corrects by a new reading; naming nothing, it is asked about (bot/triage/episode.py), unless
        `_sure_take_back`. Not for a message the cue words already read as a question, an ending, a
        new reading or a fresh start, nor after an emergency that the message does not deny in the
        patterns' reading, finding by finding; nor where `_classifier_sure` is not."""
        if (
            cues.correction
            or cues.question
            or cues.ended
            or cues.dated
            or cues.remeasured
            or cues.start_over
            or cues.take_back_last
            # An emergency is taken back by the classifier's reading only when the patterns read a
            # denial of each emergency finding ("there's no pain in my chest at all"): a denial of
            # one sign does not take back another of the same row ("the lips aren't swollen, the
            # throat is the bit that's tight").
            or not _emergencies(earlier) <= set(own.negated)
            or not self._classifier_sure(text, earlier)
        ):
            return cues
        return default_cue_reader().read(
            text,
            temperature_talk=temperature_talk,
            taken_back=True,
            given_away=self._given_to_someone_else(text, earlier),
        )

    def _classifier_sure(self, text: str, earlier: list[tuple[str, TurnPayload]]) -> bool:
        """Whether the follow-up classifier is sure the message takes back the latest report, and its
        reading may decide: the report holds nothing that no reading of context sets aside (an
        exposure, a dose, a child's swallowing, self-harm: "she's never had chickenpox" is not a denial
        of the contact), and the message does not name the medicine (then it is about who takes it,
        "that was my son's reading, he's the one on azathioprine", which the classifier never decides)."""
        threshold = self.config.get("followup_taken_back")
        _, reported = _latest_report(earlier)
        return (
            self.followups is not None
            and threshold is not None
            and bool(reported)
            and not self._always_counts & {self.engine.lexicon.finding(c).row for c in reported}
            and not self._medicine_names.search(text)
            and self.followups.probability_taken_back(text) >= float(threshold)
        )

    def _sure_take_back(self, text: str, earlier: list[tuple[str, TurnPayload]]) -> bool:
        """Whether a message read as a correction surely takes back what was reported: the classifier
        is sure (`_classifier_sure`) and the message says the sign was not real ("it came straight off
        with a wipe", "negative"), not denied, with no detail swapped ("I meant her legs").
        bot/triage/episode.py then takes it back whole only after one report of one thing, never an
        emergency or a temperature. (A denial of what was reported takes it back without this.)"""
        return default_cue_reader().says_sign_not_real(text) and self._classifier_sure(text, earlier)

    def _learned_end(
        self,
        text: str,
        cues: TurnCues,
        detection: Detection,
        earlier: list[tuple[str, TurnPayload]],
        names: list[str],
    ) -> TurnCues:
        """The cues, with the whole episode over when the follow-up classifier is sure the message
        says so in words the cue list does not have ("she's perked right up, back to her garden"),
        or in cue words that say something is over but not what ("things have all calmed down
        since the weekend": neither "it", the person, the temperature nor the dose), nor a part of
        the body that may not be all that was reported ("legs feel fine now" after bruises on the
        arms: `_part_over`). Only for a message in which the patterns read nothing happening now or
        over (that is for the cue words and the grading to read, as are a temperature and a result),
        that does not ask, correct, start over or speak of a dose in a way the cue words hear, and
        says nothing is still going, awaited or excepted. After an episode that reached an
        emergency, only a message that says emergency care has sent the person home
        (`sent_home_from_care`, from `followup_over_emergency`), names nobody the conversation did
        not; such a message may name findings of its own that grade below urgent ("it was a kidney
        infection, home now") and what is over ("home now, the swelling's all gone")."""
        reader = default_cue_reader()
        emergency = _reached_emergency(earlier)
        # After an emergency, over only when emergency care has sent the person home (`sent_home_from_care`);
        # what such a message tells of the care may name findings ("it was a kidney infection, home now"),
        # which then may not grade urgent on their own.
        threshold = self.config.get("followup_over_emergency" if emergency else "followup_over")
        # ...of someone the conversation is about: not "My wife's home from the hospital, discharged".
        sent_home = (
            emergency
            and reader.sent_home_from_care(text)
            and not reader.people_in(text) - set().union(*(reader.people_in(t) for t, _ in earlier))
        )
        told = [m for m in detection.mentions if m.source != CLASSIFIER and m.status in (ASSERTED, RESOLVED)]
        if (
            self.followups is None
            or threshold is None
            or (emergency and not sent_home)
            # What the patterns read as happening now or as over is for the cue words and the grading
            # (a named ending ends that only); a denial ("no temperature since") or an ordinary cause
            # is not, nor is the learned detector reading the words of what is over.
            or (told and not (sent_home and rank_of(self.engine.grade(detection).level) < rank_of("urgent")))
            or cues.ended_all
            or cues.ended_it
            # The cue words heard something is over, and the message names what ("his wee is back to
            # normal", "my temperature's fine", "legs feel fine now", any health word): that only, or
            # nothing when it was not reported (after a temperature). Not when emergency care sent
            # them home ("home now, the swelling's all gone").
            or (
                cues.ended
                and not sent_home
                and (bool(names) or reader.names_a_topic(text) or names_health(text) or self._part_over(text, earlier))
            )
            or _says_something_else(cues, detection)
            or not (sent_home or reader.may_be_over(text))
        ):
            return cues
        if self.followups.probability_over(text) < float(threshold):
            return cues
        # As "I'm fine now" (bot/triage/episode.py keeps what that cannot undo).
        return replace(cues, ended=True, ended_all=True, ended_it=True)

    def _part_over(self, text: str, earlier: list[tuple[str, TurnPayload]]) -> bool:
        """Whether the message says a part of the body is fine that may not be all that was reported:
        one no earlier message reported a finding in the words of ("legs feel fine now" after bruises
        on the arms, "Ear's fine now" after a temperature), or any after several things were reported.
        After one, in its own words ("itchy legs" ... "legs feel fine now"), it is that thing, all of it."""
        reader = default_cue_reader()
        parts = reader.parts_said_over(text)
        if not parts:
            return False
        if len(self._things(earlier)) > 1:
            return True
        reported = [word for _, turn in earlier for words in (turn.get("words") or {}).values() for word in words]
        return not all(reader.names(part, reported, quoted=True) for part in parts)

    def _things(self, earlier: list[tuple[str, TurnPayload]]) -> set[str]:
        """What the conversation has reported so far: the findings the patterns read, and the learned
        detector's guesses of other rows of the triage table."""
        told = {c for _, turn in earlier for c in _codes(turn) if c not in turn["learned"]}
        rows = {self.engine.lexicon.finding(c).row for c in told}
        guessed = {c for _, turn in earlier for c in turn["learned"] if self.engine.lexicon.finding(c).row not in rows}
        return told | guessed

    def _ended_leaving(
        self,
        text: str,
        cues: TurnCues,
        detection: Detection,
        earlier: list[tuple[str, TurnPayload]],
        names: list[str],
    ) -> tuple[TurnCues, list[str], list[str]]:
        """An ending that leaves something of its own behind ("The sickness has stopped since Tuesday.
        I'm still a touch queasy first thing"): the cue words read an ending in the message without
        what is left (its sentence from "still", "only", "apart from"...), or the follow-up
        classifier does. Then what was reported before ends as "it's stopped" would end it, and what
        is left is a report of its own (the cues, the findings left and the earlier findings named
        as over). Only where what is left is a finding the patterns read that grades on its own, is
        none of the earlier findings or their rows and names none of them, makes no combination with
        them ("the headache's gone, just a stiff neck now"), the message gives no reading or result,
        no earlier message told of paracetamol beside a temperature, and the episode never reached
        an emergency, in one message or across them (a review found "temp is 38.4" ... "my neck is
        really stiff" ... "the temperature has gone, still a bit tired" ended); otherwise the cues
        as they were ("still" says it is not over)."""
        unchanged: tuple[TurnCues, list[str], list[str]] = (cues, [], names)
        if _says_something_else(cues, detection) or _reached_emergency(earlier):
            return unchanged
        lexicon = self.engine.lexicon
        before = {c for _, turn in earlier for c in _codes(turn)}
        if (
            # An emergency made across messages ("temp is 38.4" ... "and my neck is really stiff").
            any(r.level == "emergency" for r in self.engine.combination_reasons(before))
            # A temperature brought down by paracetamol told earlier still counts.
            or (before & lexicon.temperature_findings and any(turn["masked"] for _, turn in earlier))
        ):
            return unchanged
        left = [m for m in detection.mentions if m.asserted and m.source != CLASSIFIER and m.end > m.start]
        codes = {m.code for m in left}
        if (
            not left
            or codes & before
            or {lexicon.finding(c).row for c in codes} & {lexicon.finding(c).row for c in before}
            or any(lexicon.finding(c).level is None for c in codes)
        ):
            return unchanged
        combined = {r.code for r in self.engine.combination_reasons(before | codes)}
        apart = {r.code for r in self.engine.combination_reasons(before)} | {
            r.code for r in self.engine.combination_reasons(codes)
        }
        reader = default_cue_reader()
        parts = reader.without_left_behind(text, [(m.start, m.end) for m in left])
        if combined - apart or parts is None or not parts[0]:
            return unchanged
        rest, removed = parts
        if any(reader.names(removed, turn.get("words", {}).get(c, ())) for _, turn in earlier for c in before):
            return unchanged
        over = reader.read(rest, temperature_talk=self._temperature_talk(earlier))
        # Over, but the cue words cannot say what ("things have been back to normal since"): the
        # classifier's reading, as for any message.
        if not (over.ended_all or over.ended_it):
            named = self._names(rest, earlier, quoted=False) if over.ended else []
            over = self._learned_end(rest, over, self.pipeline.detect(rest), earlier, named)
        if not (over.ended_all or over.ended_it or (over.ended and reader.names_a_topic(rest))) or over.correction:
            return unchanged
        ending = replace(cues, ended=True, ended_all=over.ended_all, ended_it=over.ended_it)
        return ending, sorted(codes), self._names(rest, earlier, quoted=False)

    def _with_earlier(self, detection: Detection, earlier: list[tuple[str, TurnPayload]]) -> Detection:
        """The message's findings, plus what it says only when read after the latest message that
        reported something, or after the message before when none has: a detail for that finding
        ("it won't stop"), a number that is a temperature, the medicine named before ("my 2 year old
        ate one"). Patterns only, and only ever more: the message alone has already been read."""
        # With nothing reported yet, the message before ("I take azathioprine 50mg, left the pot open"
        # ... "my 2 yr old just swallowed 2 of them").
        prior = (_latest_report(earlier)[0] or earlier[-1][0]).rstrip(" .!?,;\n")
        if not prior:
            return detection
        joined = f"{prior}, {detection.text}"
        offset = len(prior) + 2
        together = self.pipeline.detector.detect(joined)
        prior_detection = self.pipeline.detector.detect(prior)
        prior_levels = self.engine.grade(prior_detection).reasons
        before = {r.code: r.level for r in prior_levels}
        # What the message alone already read, however it was meant ("is a stiff neck a side effect?"
        # is a question, whatever comes before it), is not read again.
        own = {m.code for m in detection.mentions}
        temperature_codes = self.engine.lexicon.temperature_findings
        extra: list[Mention] = []
        for mention in together.mentions:
            if not mention.asserted or mention.code in own:
                continue
            finding = self.engine.lexicon.finding(mention.code)
            if mention.start >= offset:
                extra.append(_shifted(mention, -offset))
            elif mention.code in temperature_codes and mention.code not in before:
                # A temperature the message before did not read comes from this message changing its
                # reading ("Temp is 103.2" ... "TYPO. 99.2" leaves a bare "Temp"): the readings are for
                # the episode to weigh (a correction replaces them), not a new finding.
                continue
            elif rank_of(finding.level_for(mention.intensities)) > rank_of(before.get(mention.code)):
                # Raised by this message's words: it is this message that makes it more urgent.
                extra.append(
                    Mention(mention.code, mention.text, 0, 0, ASSERTED, mention.intensities, mention.temperature)
                )
        # The learned detector's guess from the same words ("cant even stand up straight its unbearable" as
        # stomach pain described) is no finding of the message's own.
        if not any(m.asserted and m.source != CLASSIFIER for m in detection.mentions):
            extra += self._stronger_than_told(detection.text, prior_detection, before)
        return _with_mentions(detection, extra) if extra else detection

    def _stronger_than_told(self, text: str, prior: Detection, before: dict[str, str]) -> list[Mention]:
        """A message with nothing of its own that says how strong "it" now is ("cant even stand up
        straight its unbearable im crying with it HELP" after "stomach ache ... goes right through to my
        back"): what the latest report told, at the strength this message gives it, where that is more
        urgent."""
        detector = self.pipeline.detector
        classes = detector.intensity.told_of_it([t.norm_ for t in detector.tokenizer.doc(normalise(text))])
        if not classes:
            return []
        cues = default_cue_reader().read(text)
        if cues.correction or cues.softens or cues.ended or cues.ended_all or cues.ended_it:
            return []
        raised = []
        for mention in prior.mentions:
            finding = self.engine.lexicon.finding(mention.code)
            if mention.asserted and rank_of(finding.level_for(classes)) > rank_of(before.get(mention.code)):
                raised.append(Mention(mention.code, mention.text, 0, 0, ASSERTED, classes))
        return raised

    def _swapped(self, text: str, detection: Detection, earlier: list[tuple[str, TurnPayload]]) -> Detection | None:
        """A correction that swaps a unit of time in the latest report ("typo, 2 WEEKS not years")
        can say the medicine was started in the last weeks: what that report, read again with the
        unit put right, says of when it began (a `dated` finding, "recently started") is added to the
        message's findings. Only ever more: a review broke taking it back ("started it 3 months
        ago" makes the report's current signs read as past), so "I meant 2 YEARS not weeks" is left
        to the cue words. None when the swap adds nothing."""
        report, _ = _latest_report(earlier)
        corrected = default_cue_reader().swapped(text, report)
        if corrected is None:
            return None
        detector, lexicon = self.pipeline.detector, self.engine.lexicon

        def dated(source: str) -> dict[str, Mention]:
            return {m.code: m for m in detector.detect(source).mentions if m.asserted and lexicon.finding(m.code).dated}

        known = set(dated(report)) | {m.code for m in detection.mentions}
        added = [Mention(m.code, m.text, 0, 0, ASSERTED) for c, m in dated(corrected).items() if c not in known]
        return _with_mentions(detection, added) if added else None

    def _names(self, text: str, earlier: list[tuple[str, TurnPayload]], quoted: bool) -> list[str]:
        """The earlier findings a message that says something is over, or corrects what was typed,
        names. A correction of the words typed by any word it quotes ("DOWN?? meant IN"); an ending
        by what it says is over, every word of it one the finding was reported in ("a really sore
        throat" ... "throat's been fine for five days"; not "the spots on my face have cleared up"
        after spots on the legs, nor "the black eye is better" after black stools), or by the row's
        word ("the temperature was back to normal by Monday")."""
        reader = default_cue_reader()
        rows = reader.topic_rows(text)
        subjects = [] if quoted else [s for s in reader.over_subjects(text) if s]
        named: set[str] = set()
        for _, turn in earlier:
            words = turn.get("words") or {}
            for code in _codes(turn):
                own = words.get(code, ())
                if quoted:
                    found = reader.names(text, own, quoted=True)
                else:
                    found = self.engine.lexicon.finding(code).row in rows or any(
                        all(reader.names(word, own, quoted=True) for word in subject) for subject in subjects
                    )
                if found:
                    named.add(code)
        return sorted(named)

    def _temperature_talk(self, earlier: list[tuple[str, TurnPayload]]) -> bool:
        codes = self.engine.lexicon.temperature_findings | self.engine.lexicon.temperature_learned
        return any(
            turn["assessment"].get("temperature_c") is not None
            or turn["reading_c"] is not None
            or codes & set(turn["assessment"]["findings"])
            for _, turn in earlier
        )

    @staticmethod
    def _turn(detection: Detection, own: Assessment, cues: TurnCues, small_talk: bool) -> TurnPayload:
        return turn_payload(
            own,
            learned=sorted({m.code for m in detection.mentions if m.asserted and m.source == CLASSIFIER}),
            set_aside=sorted(
                {m.code for m in detection.mentions if m.status in (RESOLVED, EXPLAINED, SOMEONE_ELSE)}
                - set(own.findings)
            ),
            correction=cues.correction,
            someone_else=cues.someone_else,
            remeasured=cues.remeasured,
            ended=cues.ended,
            ended_all=cues.ended_all,
            ended_it=cues.ended_it,
            masked=cues.masked,
            start_over=cues.start_over,
            take_back_last=cues.take_back_last,
            dose_taken=cues.dose_taken,
            dose_repeat=cues.dose_repeat,
            question=cues.question,
            small_talk=small_talk,
            reading_c=cues.reading_c if own.temperature_c is None else None,
            topics=list(cues.topics),
            not_on_it=cues.not_on_it,
            replaces=cues.replaces,
            adds=cues.adds,
            takes_back_all=cues.takes_back_all,
            dated=cues.dated,
            softens=cues.softens,
            withdraws_reading=cues.withdraws_reading,
            counted=list(cues.counted),
            count_doubted=cues.count_doubted,
            history=list(detection.history),
            words=_words(detection, own),
        )


def _says_something_else(cues: TurnCues, detection: Detection) -> bool:
    """What no reading of an ending applies to: a correction, a question, a date, a fresh start, a
    dose, a reading taken again, or a temperature or a result (for the readings and the results to
    weigh)."""
    return bool(
        cues.correction
        or cues.question
        or cues.dated
        or cues.start_over
        or cues.dose_taken
        or cues.remeasured
        or detection.temperatures
        or detection.results
    )


def _reached_emergency(earlier: list[tuple[str, TurnPayload]]) -> bool:
    """Whether an earlier message of the episode was graded an emergency."""
    return any(turn["assessment"].get("level") == "emergency" for _, turn in earlier)


def _codes(turn: TurnPayload) -> list[str]:
    """A message's own findings, those that grade and those that only count in combinations."""
    return [*turn["assessment"]["findings"], *turn["assessment"]["context_only"]]


def _emergencies(earlier: list[tuple[str, TurnPayload]]) -> set[str]:
    """The findings graded as emergencies in the earlier messages."""
    return {
        reason.code
        for _, turn in earlier
        for reason in Assessment.from_payload(turn["assessment"]).reasons
        if reason.level == "emergency"
    }


def _latest_report(earlier: list[tuple[str, TurnPayload]]) -> tuple[str, list[str]]:
    """The text and findings of the latest earlier message that reported something (what "that
    was..." is about)."""
    for text, turn in reversed(earlier):
        codes = _codes(turn)
        if codes:
            return text, codes
    return "", []


def episode_turns(tracker: DialogueStateTracker) -> list[tuple[str, TurnPayload]]:
    """The conversation's earlier messages with their episode turns, oldest first, from the start of
    the session (or the last restart). The message being parsed is not in the tracker yet."""
    turns: list[tuple[str, TurnPayload]] = []
    for event in reversed(tracker.events):
        if isinstance(event, (SessionStarted, Restarted)) or len(turns) >= EPISODE_MAX_TURNS:
            break
        if isinstance(event, UserUttered):
            turn = (event.parse_data or {}).get(EPISODE_TURN_KEY)
            if isinstance(turn, dict) and isinstance(turn.get("assessment"), dict):
                turns.append((event.text or "", turn))  # type: ignore[arg-type]
    return list(reversed(turns))


def _words(detection: Detection, own: Assessment) -> dict[str, list[str]]:
    """The words each finding the patterns read was reported in, for a later message to name it by."""
    counted = set(own.findings) | set(own.context_only)
    words: dict[str, set[str]] = {}
    for mention in detection.mentions:
        if mention.asserted and mention.source != CLASSIFIER and mention.code in counted and mention.text:
            words.setdefault(mention.code, set()).update(default_cue_reader().naming_words(mention.text))
    return {code: sorted(found) for code, found in words.items() if found}


def _with_mentions(detection: Detection, extra: list[Mention]) -> Detection:
    """The message's detection with mentions read from around it added (what it reads of the
    message itself, its temperatures, distress and results, stays)."""
    return Detection(
        detection.text,
        [*detection.mentions, *extra],
        detection.temperatures,
        detection.distress,
        detection.reporting,
        detection.results,
        history=detection.history,
    )


def _shifted(mention: Mention, by: int) -> Mention:
    return Mention(
        mention.code,
        mention.text,
        mention.start + by,
        mention.end + by,
        mention.status,
        mention.intensities,
        mention.temperature,
        mention.source,
        mention.result,
    )


def _optional_float(config: dict[str, Any], key: str) -> float | None:
    """A probability setting that may be left out (None: the rule it sets is off)."""
    return None if config.get(key) is None else float(config[key])
