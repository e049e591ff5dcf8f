/**
 * A small document model for the decision note, so one description of its content renders
 * both as Markdown and as a self-contained, printable HTML page (`renderNote.ts`).
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][]; align?: ('l' | 'r')[]; small?: boolean };

export interface NoteDocument {
  title: string;
  blocks: Block[];
}
