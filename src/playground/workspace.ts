/**
 * A Slack workspace in miniature, for the playground: the Slack app's own listeners, registered
 * by its own register functions on a stand-in for Bolt's App, are handed the payloads Slack
 * would send (a slash command, a mention, a DM, an assistant-thread message, a button click, a
 * modal submission, the Home tab opening) and a stand-in Web API client. What they send back
 * (acks, respond calls, chat.postMessage, views.open…) is collected as effects for the page to
 * draw. Nothing here builds a message: every block comes from the app's own code.
 */
import { randomBytes } from "node:crypto";
import type { App, Logger } from "@slack/bolt";
import { LogLevel } from "@slack/logger";
import { z } from "zod";
import type { Services } from "../answer/reply.js";
import { threadStarted } from "../slack/listeners/assistant/thread-started.js";
import { userMessage } from "../slack/listeners/assistant/user-message.js";
import { COMMAND } from "../slack/listeners/commands/index.js";
import { registerListeners } from "../slack/listeners/index.js";
import { escapeMrkdwn } from "../slack/mrkdwn.js";
import { MetadataSeal } from "../slack/seal.js";
import { PLAYGROUND_USER } from "./block-kit-html.js";

export const TEAM = "T0PLAYGROUND";
export const CHANNEL = "C0PLAYGROUND";
export const DM_CHANNEL = "D0PLAYGROUND";
const BOT_USER = "U0SCENARIOBOT";

export const SURFACES = ["command", "mention", "dm", "assistant"] as const;
export type AskSurface = (typeof SURFACES)[number];

/** Where a message is: the channel (or a thread in it) or the DM (or a thread in it). */
export interface Place {
  channel: typeof CHANNEL | typeof DM_CHANNEL;
  thread?: string | undefined;
  /** Only the person sees it (a slash command's answer, a whisper). */
  ephemeral: boolean;
}

export interface MessageBody {
  text: string;
  blocks: unknown[];
}

export type Effect =
  | { kind: "message"; id: string; place: Place; author: "you" | "app"; body: MessageBody }
  | { kind: "replace"; id: string; body: MessageBody }
  | { kind: "delete"; id: string }
  | { kind: "modal"; view: unknown }
  | { kind: "modal-errors"; errors: Record<string, string> }
  | { kind: "modal-close" }
  | { kind: "home"; view: unknown }
  | { kind: "title"; text: string }
  | { kind: "prompts"; title: string; prompts: Array<{ title: string; message: string }> };

/** A message the page shows, as the click on one of its elements names it. */
export const placeSchema = z.object({
  channel: z.enum([CHANNEL, DM_CHANNEL]),
  thread: z.string().max(40).optional(),
  ephemeral: z.boolean(),
});

export const clickSchema = z.object({
  message: z
    .object({
      id: z.string().max(40),
      place: placeSchema,
      // The message's blocks as the page holds them; Slack sends them with a click.
      blocks: z.array(z.unknown()).max(100).default([]),
    })
    .optional(),
  actionId: z.string().min(1).max(255),
  blockId: z.string().max(255).optional(),
  value: z.string().max(4000).optional(),
});
export type ClickRequest = z.infer<typeof clickSchema>;

export const submissionSchema = z.object({
  callbackId: z.string().max(255),
  privateMetadata: z.string().max(3000),
  values: z.record(
    z.string().max(255),
    z.record(
      z.string().max(255),
      z.object({
        type: z.string().max(40),
        value: z.string().max(3000).nullish(),
        selected_option: z.object({ value: z.string().max(150) }).nullish(),
      }),
    ),
  ),
});
export type SubmissionRequest = z.infer<typeof submissionSchema>;

type Handler = (args: Record<string, unknown>) => Promise<void>;
type Constraint = string | RegExp;

/** What the register functions put on the App: our listeners, by what they listen to. */
interface Routes {
  commands: Map<string, Handler>;
  events: Array<[Constraint, Handler]>;
  messages: Handler[];
  actions: Array<[Constraint, Handler]>;
  views: Array<[Constraint, Handler]>;
}

function routesFor(services: Services): Routes {
  const routes: Routes = {
    commands: new Map(),
    events: [],
    messages: [],
    actions: [],
    views: [],
  };
  const app = {
    command: (name: string, handler: Handler) => routes.commands.set(name, handler),
    event: (constraint: Constraint, handler: Handler) => routes.events.push([constraint, handler]),
    message: (handler: Handler) => routes.messages.push(handler),
    action: (constraint: Constraint, handler: Handler) =>
      routes.actions.push([constraint, handler]),
    view: (constraint: Constraint, handler: Handler) => routes.views.push([constraint, handler]),
    // The assistant's listeners are called directly (see ask): Bolt's Assistant is middleware.
    assistant: () => {},
    // Middleware (the assistant's thread_ts repair) and message shortcuts have no stand-in here:
    // the page asks through the four surfaces it offers.
    use: () => {},
    shortcut: () => {},
  };
  // The page's modals come back from this process only: a key of its own.
  registerListeners(
    app as unknown as App,
    services,
    new MetadataSeal(randomBytes(32).toString("hex")),
  );
  return routes;
}

const matches = (constraint: Constraint, id: string) =>
  typeof constraint === "string" ? constraint === id : constraint.test(id);

/** Where the listeners' log lines go: warnings and errors only, the listeners' own words. */
export type LogSink = (level: "warn" | "error", line: string) => void;

function loggerFor(sink: LogSink): Logger {
  const join = (args: unknown[]) =>
    args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => sink("warn", join(args)),
    error: (...args: unknown[]) => sink("error", join(args)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

const newTs = () =>
  `${Math.floor(Date.now() / 1000)}.${randomBytes(3).readUIntBE(0, 3).toString().padStart(6, "0")}`;

function body(args: Record<string, unknown>): MessageBody {
  return {
    text: typeof args.text === "string" ? args.text : "",
    blocks: Array.isArray(args.blocks) ? args.blocks : [],
  };
}

/** The effects of one interaction, and the stand-ins the listeners are handed. */
class Interaction {
  readonly effects: Effect[] = [];

  constructor(readonly logger: Logger) {}

  post(place: Place, args: Record<string, unknown>, author: "you" | "app" = "app"): string {
    const id = newTs();
    this.effects.push({ kind: "message", id, place, author, body: body(args) });
    return id;
  }

  /** The Web API client: the calls our listeners make. */
  client() {
    const channelOf = (channel: unknown) => (channel === CHANNEL ? CHANNEL : DM_CHANNEL); // a DM is posted to the user's id
    const thread = (args: Record<string, unknown>) =>
      typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    return {
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          const ts = this.post(
            { channel: channelOf(args.channel), thread: thread(args), ephemeral: false },
            args,
          );
          return { ok: true, ts, channel: channelOf(args.channel) };
        },
        postEphemeral: async (args: Record<string, unknown>) => {
          this.post(
            { channel: channelOf(args.channel), thread: thread(args), ephemeral: true },
            args,
          );
          return { ok: true };
        },
      },
      views: {
        open: async (args: { view: unknown }) => {
          this.effects.push({ kind: "modal", view: args.view });
          return { ok: true };
        },
        publish: async (args: { view: unknown }) => {
          this.effects.push({ kind: "home", view: args.view });
          return { ok: true };
        },
      },
    };
  }

  /** A response_url's respond, for a message at `place` (`id` when it is a clicked message). */
  respond(place: Place, id: string | undefined) {
    return async (message: Record<string, unknown> | string) => {
      const args = typeof message === "string" ? { text: message } : message;
      if (args.delete_original === true && id !== undefined) {
        this.effects.push({ kind: "delete", id });
      } else if (args.replace_original === true && id !== undefined) {
        this.effects.push({ kind: "replace", id, body: body(args) });
      } else {
        const ephemeral = args.response_type !== "in_channel";
        this.post({ ...place, ephemeral }, args);
      }
      return { ok: true };
    };
  }
}

/**
 * The playground's workspace: one person, one channel, a DM with the app. Each call runs the
 * listener Slack would run for it and resolves to what it sent back.
 */
export class Workspace {
  private routes: Routes;
  private services: Services;

  constructor(
    services: Services,
    private readonly sink: LogSink,
  ) {
    this.services = services;
    this.routes = routesFor(services);
  }

  /** The cards changed on disk: later interactions answer from the new services. */
  use(services: Services): void {
    this.services = services;
    this.routes = routesFor(services);
  }

  private interaction(): Interaction {
    return new Interaction(loggerFor(this.sink));
  }

  /**
   * A question on a surface, typed as a person types it: Slack sends `&`, `<` and `>` as
   * entities, so they are sent so here too.
   */
  async ask(surface: AskSurface, typed: string): Promise<Effect[]> {
    const io = this.interaction();
    const text = escapeMrkdwn(typed);
    const client = io.client();
    const { logger } = io;
    const ts = newTs();
    switch (surface) {
      case "command": {
        const handler = this.routes.commands.get(COMMAND);
        const place: Place = { channel: CHANNEL, ephemeral: true };
        io.post({ channel: CHANNEL, ephemeral: true }, { text: `/scenario ${text}` }, "you");
        await handler?.({
          command: {
            command: COMMAND,
            text,
            user_id: PLAYGROUND_USER,
            team_id: TEAM,
            channel_id: CHANNEL,
            trigger_id: newTs(),
          },
          ack: async (response?: Record<string, unknown>) => {
            if (response !== undefined) io.post(place, response);
          },
          respond: io.respond(place, undefined),
          client,
          logger,
        });
        break;
      }
      case "mention": {
        io.post(
          { channel: CHANNEL, ephemeral: false },
          { text: `@Scenario Advisor ${text}` },
          "you",
        );
        const event = {
          type: "app_mention",
          channel: CHANNEL,
          ts,
          user: PLAYGROUND_USER,
          text: `<@${BOT_USER}> ${text}`,
        };
        await this.event("app_mention")?.({
          event,
          context: { teamId: TEAM },
          client,
          logger,
        });
        break;
      }
      case "dm": {
        io.post({ channel: DM_CHANNEL, ephemeral: false }, { text }, "you");
        const message = {
          type: "message",
          channel_type: "im",
          channel: DM_CHANNEL,
          user: PLAYGROUND_USER,
          text,
          ts,
        };
        for (const handler of this.routes.messages) {
          await handler({ message, context: { teamId: TEAM }, client, logger });
        }
        break;
      }
      case "assistant": {
        const thread = ts;
        io.post({ channel: DM_CHANNEL, thread, ephemeral: false }, { text }, "you");
        await userMessage(this.services)({
          message: {
            type: "message",
            channel_type: "im",
            channel: DM_CHANNEL,
            user: PLAYGROUND_USER,
            text,
            ts,
            thread_ts: thread,
          },
          context: { teamId: TEAM },
          client: client as never,
          logger,
          setStatus: async () => ({ ok: true }) as never,
          setTitle: async (title: string) => {
            io.effects.push({ kind: "title", text: title });
            return { ok: true } as never;
          },
        } as never);
        break;
      }
    }
    return io.effects;
  }

  /** A new assistant thread: the greeting and the suggested prompts. */
  async startAssistantThread(): Promise<Effect[]> {
    const io = this.interaction();
    await threadStarted(this.services)({
      event: { assistant_thread: { channel_id: DM_CHANNEL, thread_ts: newTs() } },
      client: io.client() as never,
      logger: io.logger,
      setSuggestedPrompts: async ({
        title,
        prompts,
      }: {
        title?: string;
        prompts: Array<{ title: string; message: string }>;
      }) => {
        io.effects.push({ kind: "prompts", title: title ?? "", prompts });
        return { ok: true } as never;
      },
    } as never);
    return io.effects;
  }

  /** A button clicked or an option chosen, in a message (or on the Home tab, with none). */
  async click(request: ClickRequest): Promise<Effect[]> {
    const io = this.interaction();
    const route = this.routes.actions.find(([constraint]) => matches(constraint, request.actionId));
    if (route === undefined) return io.effects;
    const place: Place = request.message?.place ?? { channel: DM_CHANNEL, ephemeral: false };
    const action = {
      type: "button",
      action_id: request.actionId,
      block_id: request.blockId ?? "",
      ...(request.value !== undefined && { value: request.value }),
    };
    const messageTs = request.message?.id;
    const payload = {
      type: "block_actions",
      user: { id: PLAYGROUND_USER },
      team: { id: TEAM },
      trigger_id: newTs(),
      container:
        request.message === undefined
          ? { type: "view" }
          : {
              type: "message",
              is_ephemeral: place.ephemeral,
              channel_id: place.channel,
              message_ts: messageTs,
              ...(place.thread !== undefined && { thread_ts: place.thread }),
            },
      ...(request.message !== undefined &&
        !place.ephemeral && {
          message: {
            ts: messageTs,
            ...(place.thread !== undefined && { thread_ts: place.thread }),
            blocks: request.message.blocks,
          },
        }),
      actions: [action],
    };
    await route[1]({
      ack: async () => {},
      body: payload,
      action,
      respond: io.respond(place, messageTs),
      client: io.client(),
      logger: io.logger,
    });
    return io.effects;
  }

  /** The open modal submitted, with its inputs' state as Slack sends it. */
  async submit(request: SubmissionRequest): Promise<Effect[]> {
    const io = this.interaction();
    const route = this.routes.views.find(([constraint]) => matches(constraint, request.callbackId));
    if (route === undefined) return io.effects;
    let acked = false;
    await route[1]({
      ack: async (response?: Record<string, unknown>) => {
        acked = true;
        if (response?.response_action === "errors") {
          io.effects.push({
            kind: "modal-errors",
            errors: (response.errors ?? {}) as Record<string, string>,
          });
        } else if (response?.response_action === "update") {
          io.effects.push({ kind: "modal", view: response.view });
        } else {
          io.effects.push({ kind: "modal-close" });
        }
      },
      body: {
        type: "view_submission",
        user: { id: PLAYGROUND_USER },
        team: { id: TEAM },
        view: {
          callback_id: request.callbackId,
          private_metadata: request.privateMetadata,
          state: { values: request.values },
        },
      },
      client: io.client(),
      logger: io.logger,
    });
    if (!acked) io.effects.push({ kind: "modal-close" });
    return io.effects;
  }

  /** The listener for events of `type`, as Bolt picks it (a name or a pattern). */
  private event(type: string): Handler | undefined {
    return this.routes.events.find(([constraint]) => matches(constraint, type))?.[1];
  }

  /** The Home tab, as app_home_opened publishes it. */
  async home(): Promise<Effect[]> {
    const io = this.interaction();
    await this.event("app_home_opened")?.({
      event: { type: "app_home_opened", user: PLAYGROUND_USER, tab: "home", channel: DM_CHANNEL },
      client: io.client(),
      logger: io.logger,
    });
    return io.effects;
  }
}
