// The fuzzer's repertoire: one random update at a time of the kinds a public bot meets —
// oversized and malformed text, control characters, bidi overrides, HTML/Markdown injection,
// unknown commands, button presses with data the bot never issued or issued to someone else,
// channel posts, group chatter, edits, media, and updates with fields missing. Every text a
// user writes carries that user's marker, so a reply to anyone else that shows it is a leak.
import type { SentMessage, TelegramStandin, TgChat, TgMessage, UserSpec } from "@ai-library/standins/telegram";
import type { SeededRandom } from "../support/seeded-random.js";

export interface IssuedButton {
  userId: number;
  message: SentMessage;
  data: string;
}

export interface FuzzWorld {
  standin: TelegramStandin;
  users: readonly UserSpec[];
  /** A word only this user ever writes. */
  markerOf(userId: number): string;
  group: TgChat;
  /** Quote buttons the bot issued in the warm-up, to press as the wrong user. */
  issued: readonly IssuedButton[];
  /** Callback query ids injected raw (the stand-in did not issue them; Telegram would refuse them). */
  rawQueryIds: Set<string>;
  /** Presses of another user's quote button: query id → the user who pressed. */
  foreignPresses: Map<string, number>;
}

const QUESTIONS = [
  "Кто зажигал огонь маяка?",
  "Сколько камней в саду?",
  "Who lit the lighthouse fire?",
  "Чем монахи расчёсывают гравий?",
  "маяк",
];

const INJECTIONS = [
  "<b>жирный</b> <i>курсив",
  "</blockquote></b><script>alert(1)</script>",
  '<a href="javascript:alert(1)">ссылка</a>',
  "<tg-spoiler>спойлер</tg-spoiler> & &amp; &lt; &#0; &#xD800; &bogus;",
  "< > <<>> </ > <1> <!-- комментарий -->",
  "*жирный* _курсив_ `код` ```блок``` [ссылка](http://evil.example) ||спойлер|| ~зачёркнутый~",
  "\\*экран\\* \\_ \\[ \\] \\( \\) \\~ \\` \\> \\# \\+ \\- \\= \\| \\{ \\} \\. \\!",
  // A template placeholder, a format string and SQL, typed by a user as plain text.
  `$${"{"}process.env.TELEGRAM_BOT_TOKEN} {{7*7}} %s%s%n '; DROP TABLE chunks; --`,
];

const ODD = [
  "\u202eКто зажигал огонь?\u202c",
  "\u2066\u2067\u2068маяк\u2069\u200f\u200e\u061c",
  "М\u0336а\u0336я\u0336к\u0336 z̴̡̢̛͎͉̈́͐a̸l̷g̵o̶",
  "👨‍👩‍👧‍👦🏳️‍🌈🧑🏽‍🚀 маяк?",
  "\u200b\u200c\u200d\ufeff\u2060",
  "ﷺ ﷽ 𒐫 𝔐𝔞𝔶𝔞𝔨",
  "\ud800 одинокий суррогат \udfff",
  "   \n\n\t   ",
];

const COMMANDS = [
  "/x",
  "/",
  "/start@other_bot",
  "/books extra args",
  "/UNKNOWN",
  "/status",
  "/admin",
  "/books@library_test_bot 999999",
  "/help <b>",
  "/about\u0000",
  "/start payload_with_<html>",
];

function controlText(random: SeededRandom): string {
  const pieces: string[] = [];
  for (let i = random.int(1, 40); i > 0; i--) {
    const code = random.pick([random.int(0, 31), 127, random.int(0x80, 0x9f), 0x2028, 0x2029, 0xfffe, 0xffff]);
    pieces.push(String.fromCharCode(code), random.chance(0.5) ? "маяк" : "");
  }
  return pieces.join("");
}

function randomUnicode(random: SeededRandom, length: number): string {
  let text = "";
  while (text.length < length) {
    const code = random.pick([random.int(0x20, 0x7e), random.int(0x400, 0x4ff), random.int(0x1f300, 0x1faff)]);
    text += String.fromCodePoint(code);
  }
  return text;
}

/** Random bytes shaped as callback data: never issued by the bot. */
function forgedData(random: SeededRandom): string {
  return random.pick([
    "",
    "src:",
    `src:${randomUnicode(random, random.int(1, 12))}`,
    "src:AAAAAAAA",
    `books:${random.int(-5, 10_000_000)}`,
    "books:1",
    "x".repeat(random.int(1, 64)),
    randomUnicode(random, random.int(1, 30)),
    "🙂",
  ]);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

type Action = (random: SeededRandom, world: FuzzWorld, user: UserSpec) => void;

const say = (world: FuzzWorld, user: UserSpec, text: string, chat?: TgChat) =>
  world.standin.sendText(user, `${text} ${world.markerOf(user.id)}`, chat ? { chat } : undefined);

let rawMessageId = 100_000;

/** A message built by hand, for shapes the stand-in's helpers do not make (Telegram Bot API fields). */
function privateMessage(user: UserSpec, fields: Partial<TgMessage> & Record<string, unknown>): TgMessage {
  rawMessageId += 1;
  return {
    message_id: rawMessageId,
    date: nowSeconds(),
    chat: { id: user.id, type: "private", first_name: `User${user.id}` },
    from: { id: user.id, is_bot: false, first_name: `User${user.id}` },
    ...fields,
  } as TgMessage;
}

function ownBotMessage(world: FuzzWorld, user: UserSpec): SentMessage | undefined {
  const mine = world.standin.sentMessages(user.id);
  return mine[mine.length - 1];
}

/** Each action and its weight: questions and hostile text dominate, as in the wild. */
export const HOSTILE_ACTIONS: Record<string, { weight: number; act: Action }> = {
  question: { weight: 12, act: (random, world, user) => say(world, user, random.pick(QUESTIONS)) },
  oversized: {
    weight: 6,
    act: (random, world, user) => say(world, user, randomUnicode(random, random.int(1001, 20_000))),
  },
  controlChars: { weight: 6, act: (random, world, user) => say(world, user, controlText(random)) },
  oddUnicode: { weight: 6, act: (random, world, user) => say(world, user, random.pick(ODD)) },
  injection: {
    weight: 8,
    act: (random, world, user) => say(world, user, `${random.pick(INJECTIONS)} ${random.pick(QUESTIONS)}`),
  },
  command: { weight: 8, act: (random, world, user) => say(world, user, random.pick(COMMANDS)) },
  randomCommand: {
    weight: 3,
    act: (random, world, user) =>
      say(world, user, `/${"abcdefghijklmnopqrstuvwxyz_0123456789".slice(random.int(0, 30))}`),
  },
  commandWithoutEntities: {
    // A client that sends "/books" without the bot_command entity: it reads as a question.
    weight: 2,
    act: (random, world, user) =>
      world.standin.pushUpdate({
        message: privateMessage(user, { text: `${random.pick(COMMANDS)} ${world.markerOf(user.id)}` }),
      }),
  },
  forgedButton: {
    weight: 8,
    act: (random, world, user) => {
      const own = ownBotMessage(world, user);
      if (own) {
        world.standin.pressButton(user, own, forgedData(random) || "x");
        return;
      }
      const id = `raw-${random.int(1, 1e9)}`;
      world.rawQueryIds.add(id);
      world.standin.pushUpdate({
        callback_query: {
          id,
          from: { id: user.id, is_bot: false, first_name: "U" },
          chat_instance: "c",
          data: forgedData(random),
        },
      });
    },
  },
  foreignButton: {
    // A quote button issued to someone else: pressed on their message, or replayed on one's own.
    weight: 6,
    act: (random, world, user) => {
      const others = world.issued.filter((button) => button.userId !== user.id);
      if (others.length === 0) return;
      const button = random.pick(others);
      const own = ownBotMessage(world, user);
      const message = own && random.chance(0.5) ? own : button.message;
      world.foreignPresses.set(world.standin.pressButton(user, message, button.data), user.id);
    },
  },
  buttonWithoutMessage: {
    // Inline-mode style: no message; the data is someone else's quote button, forged, or absent.
    weight: 2,
    act: (random, world, user) => {
      const id = `raw-${random.int(1, 1e9)}`;
      world.rawQueryIds.add(id);
      const others = world.issued.filter((button) => button.userId !== user.id);
      const foreign = others.length > 0 && random.chance(0.5) ? random.pick(others) : undefined;
      if (foreign) world.foreignPresses.set(id, user.id);
      world.standin.pushUpdate({
        callback_query: {
          id,
          from: { id: user.id, is_bot: false, first_name: "U" },
          chat_instance: "c",
          ...(foreign ? { data: foreign.data } : random.chance(0.6) ? { data: forgedData(random) } : {}),
        },
      });
    },
  },
  channelPost: {
    weight: 3,
    act: (random, world) =>
      world.standin.channelPost({ id: 900, title: "Канал" }, random.pick([...QUESTIONS, ...INJECTIONS])),
  },
  groupChatter: {
    weight: 4,
    act: (random, world, user) => say(world, user, random.pick([...QUESTIONS, ...ODD]), world.group),
  },
  groupMention: {
    weight: 3,
    act: (random, world, user) =>
      say(world, user, `@${world.standin.botUsername} ${random.pick([...QUESTIONS, ...INJECTIONS])}`, world.group),
  },
  groupCommand: {
    weight: 2,
    act: (random, world, user) =>
      say(world, user, random.pick(["/books@library_test_bot", "/status@library_test_bot", "/start"]), world.group),
  },
  edited: {
    weight: 4,
    act: (random, world, user) =>
      world.standin.editText(user, say(world, user, "маяк"), `${random.pick(INJECTIONS)} ${world.markerOf(user.id)}`),
  },
  sticker: { weight: 3, act: (_random, world, user) => world.standin.sendSticker(user) },
  photo: {
    weight: 3,
    act: (random, world, user) =>
      world.standin.sendPhoto(
        user,
        random.chance(0.5) ? `${random.pick(INJECTIONS)} ${world.markerOf(user.id)}` : undefined,
      ),
  },
  document: {
    weight: 3,
    act: (random, world, user) =>
      world.standin.pushUpdate({
        message: privateMessage(user, {
          document: {
            file_id: "doc",
            file_unique_id: "d",
            file_name: random.pick(["../../etc/passwd", "книга.pdf", "<b>.epub"]),
            file_size: 10 ** 9,
          },
          caption: world.markerOf(user.id),
        }),
      }),
  },
  voiceOrLocation: {
    weight: 2,
    act: (random, world, user) =>
      world.standin.pushUpdate({
        message: privateMessage(
          user,
          random.chance(0.5)
            ? { voice: { file_id: "v", file_unique_id: "v", duration: 3 } }
            : { location: { latitude: 59.9, longitude: 30.3 } },
        ),
      }),
  },
  fromBot: {
    weight: 2,
    act: (_random, world, user) =>
      world.standin.pushUpdate({
        message: privateMessage(user, { from: { id: user.id, is_bot: true, first_name: "Bot" }, text: "от бота" }),
      }),
  },
  missingFields: {
    // What Telegram does send without the usual fields: no sender (anonymous admin), no
    // first_name/language, a text of nothing, and update kinds the bot never asked for.
    weight: 5,
    act: (random, world, user) => {
      const shapes = [
        () => world.standin.pushUpdate({ message: privateMessage(user, { from: undefined, text: "без отправителя" }) }),
        () =>
          world.standin.pushUpdate({
            message: privateMessage(user, {
              from: { id: user.id } as TgMessage["from"],
              text: `маяк ${world.markerOf(user.id)}`,
            }),
          }),
        () => world.standin.pushUpdate({ message: privateMessage(user, { text: "" }) }),
        () => world.standin.pushUpdate({ message: privateMessage(user, {}) }),
        () => world.standin.pushUpdate({}),
        () => world.standin.pushUpdate({ my_chat_member: { chat: { id: user.id, type: "private" } } } as never),
        () => world.standin.pushUpdate({ poll: { id: "p", question: "?", options: [] } } as never),
        () =>
          world.standin.pushUpdate({
            message: privateMessage(user, {
              text: `маяк ${world.markerOf(user.id)}`,
              entities: [{ type: "bot_command", offset: 40, length: 99 }],
            }),
          }),
      ];
      random.pick(shapes)();
    },
  },
};

const weighted = Object.entries(HOSTILE_ACTIONS).flatMap(([kind, { weight }]) => Array<string>(weight).fill(kind));

/** Sends one random hostile update from a random user; returns its kind. */
export function sendHostileUpdate(random: SeededRandom, world: FuzzWorld): string {
  const kind = random.pick(weighted);
  const user = random.pick(world.users);
  HOSTILE_ACTIONS[kind]?.act(random, world, user);
  return kind;
}
