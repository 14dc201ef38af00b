/**
 * A Reply as a Discord message: one embed coloured by its tone, buttons in action rows, and a
 * .txt attachment for a code block too long for the embed (a ResNet summary).
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type AttachmentPayload,
  type TopLevelComponent,
} from 'discord.js';
import type { Button, MadeFile, Reply, Tone } from '../../../commands/types.js';
import { encodeButton } from '../dispatch.js';
import { clip, LIMIT } from './limits.js';

export interface DiscordMessage {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly files: AttachmentPayload[];
  /** Names in replies are mentions so that they render; none of them should ping anyone. */
  readonly allowedMentions: { readonly parse: []; readonly repliedUser: false };
}

/** The name of the attachment that carries a code block too long for the embed. */
export const CODE_FILE = 'paramquiz.txt';

const COLOUR: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

const STYLE: Record<NonNullable<Button['style']>, ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/**
 * The message for a reply; its `files`, once made, are attached: pictures shown in the embeds
 * (`attachment://name`), the first in the reply's own embed, any others in one embed each;
 * documents (a CSV) attached as files to download.
 */
export function renderReply(reply: Reply, files: readonly MadeFile[] = []): DiscordMessage {
  const pictures = files.filter((f) => f.kind === 'picture').slice(0, LIMIT.embeds);
  const documents = files.filter((f) => f.kind === 'document').slice(0, LIMIT.attachments - pictures.length - (reply.code === undefined ? 0 : 1));
  const fields = (reply.fields ?? []).slice(0, LIMIT.embedFields).map((f) => ({ name: clip(f.label, LIMIT.fieldName), value: clip(f.value, LIMIT.fieldValue) }));
  const title = reply.title === undefined ? undefined : clip(reply.title, LIMIT.embedTitle);
  const room = Math.min(LIMIT.embedDescription, LIMIT.embedTotal - (title?.length ?? 0) - fields.reduce((n, f) => n + f.name.length + f.value.length, 0));
  const inline = description(reply, reply.code);
  const attach = reply.code !== undefined && inline.length > room;
  const embed: APIEmbed = {
    color: COLOUR[reply.tone ?? 'info'],
    ...(title === undefined ? {} : { title }),
    ...(fields.length > 0 ? { fields } : {}),
  };
  const text = clip(attach ? description(reply, undefined) : inline, room);
  if (text !== '') embed.description = text;
  const [first, ...more] = pictures;
  if (first) embed.image = { url: `attachment://${first.name}` };
  const empty = text === '' && title === undefined && fields.length === 0 && !first; // Discord refuses an empty embed
  return {
    embeds: [...(empty ? [] : [embed]), ...more.map((p): APIEmbed => ({ color: COLOUR[reply.tone ?? 'info'], image: { url: `attachment://${p.name}` } }))],
    components: buttonRows(reply.buttons ?? []),
    files: [
      ...(attach ? [{ attachment: Buffer.from(`${reply.code}\n`, 'utf8'), name: CODE_FILE }] : []),
      ...[...pictures, ...documents].map((f) => ({
        attachment: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
        name: f.name,
        description: clip(f.alt, LIMIT.attachmentDescription),
      })),
    ],
    allowedMentions: { parse: [], repliedUser: false },
  };
}

/**
 * Text, then the code block, then the footer as small text. The footer goes in the description
 * rather than the embed's footer because an embed footer renders no markdown, mentions or
 * timestamps, and footers here carry all three ("closes <t:…:R>", "shared by <@…>").
 */
function description(reply: Reply, code: string | undefined): string {
  const parts: string[] = [];
  if (reply.text) parts.push(reply.text);
  // A fence inside the code would end the block early; a zero-width space keeps it literal.
  if (code) parts.push(`\`\`\`\n${code.replaceAll('```', '`\u200b``')}\n\`\`\``);
  if (reply.footer)
    parts.push(
      reply.footer
        .split('\n')
        .map((line) => `-# ${line}`)
        .join('\n'),
    );
  return parts.join('\n');
}

/** Five buttons a row, five rows; a button whose id would pass Discord's 100 characters is left out. */
function buttonRows(buttons: readonly Button[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const fitting = buttons
    .map(
      (b): APIButtonComponentWithCustomId => ({
        type: ComponentType.Button,
        style: STYLE[b.style ?? 'secondary'],
        label: clip(b.label, LIMIT.buttonLabel),
        custom_id: encodeButton(b),
      }),
    )
    .filter((b) => b.custom_id.length <= LIMIT.customId);
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < fitting.length && rows.length < LIMIT.rows; i += LIMIT.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: fitting.slice(i, i + LIMIT.buttonsPerRow) });
  }
  return rows;
}

/** A posted message's action rows with every component greyed out (a closed question keeps its choices visible). */
export function disabledRows(components: readonly TopLevelComponent[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return components.flatMap((component) => {
    if (component.type !== ComponentType.ActionRow) return [];
    const row = component.toJSON();
    return [{ ...row, components: row.components.map((c) => ({ ...c, disabled: true })) }];
  });
}
