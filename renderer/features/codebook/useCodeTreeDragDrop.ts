/**
 * Drag and drop inside the code tree: a code dropped onto another becomes its sub-code, dropped
 * between rows it is reordered, dropped below the last row it goes to the end of the top level.
 * Hovering the middle of a closed branch opens it after a moment, so a code can be dropped deep
 * inside. The drag carries the code's id under CODE_DRAG_TYPE, which other views may accept.
 */
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import { dropZoneAt, planDrop, type CodeTreeRow, type DropZone, type MovePlan } from './codeTreeView.ts';

/** The drag payload type: other views (the document) may accept it to apply the code. */
export const CODE_DRAG_TYPE = 'application/x-marginalia-code';

export type DropTarget = { id: CodeId; zone: DropZone } | { id: null; zone: 'end' };

/** How long hovering a closed branch takes to open it. */
const EXPAND_AFTER_MS = 700;

export interface CodeTreeDragDropOptions {
  codes: readonly Code[];
  byId: ReadonlyMap<CodeId, Code>;
  rows: readonly CodeTreeRow[];
  rowIndex: ReadonlyMap<CodeId, number>;
  treeRef: RefObject<HTMLUListElement | null>;
  /** The row under an event's target, if any. */
  rowOf(event: { target: EventTarget }): { element: HTMLElement; code: Code | undefined } | null;
  setExpanded(id: CodeId, isExpanded: boolean): void;
  move(code: Code, plan: MovePlan): void;
}

export function useCodeTreeDragDrop({ codes, byId, rows, rowIndex, treeRef, rowOf, setExpanded, move }: CodeTreeDragDropOptions) {
  const [draggingId, setDraggingId] = useState<CodeId | null>(null);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const expandTimerRef = useRef<{ id: CodeId; timer: number } | null>(null);

  const clearDrag = () => {
    setDraggingId(null);
    setDropTarget(null);
    if (expandTimerRef.current) window.clearTimeout(expandTimerRef.current.timer);
    expandTimerRef.current = null;
  };

  const onDragStart = (event: DragEvent<HTMLLIElement>, code: Code) => {
    event.dataTransfer.setData(CODE_DRAG_TYPE, code.id);
    event.dataTransfer.setData('text/plain', code.name);
    event.dataTransfer.effectAllowed = 'copyMove';
    setDraggingId(code.id);
  };

  /** Where the pointer would drop the dragged code, with the plan, or null where it may not. */
  const dropAt = (event: DragEvent): { target: DropTarget; plan: MovePlan } | null => {
    if (!draggingId) return null;
    const hit = rowOf(event);
    if (!hit) {
      // Below the last row: the end of the top level.
      if (event.target !== treeRef.current) return null;
      const index = codes.filter((c) => c.parentId === null && c.id !== draggingId).length;
      return { target: { id: null, zone: 'end' }, plan: { parentId: null, index } };
    }
    if (!hit.code) return null;
    const box = hit.element.getBoundingClientRect();
    let targetId = hit.code.id;
    let zone = dropZoneAt(event.clientY - box.top, box.height);
    const row = rows[rowIndex.get(targetId) ?? -1];
    // "After" an open branch means before its first child: that is where the line is drawn.
    if (zone === 'after' && row?.isExpanded) {
      const first = rows[(rowIndex.get(targetId) ?? 0) + 1];
      if (first) {
        targetId = first.code.id;
        zone = 'before';
      }
    }
    const plan = planDrop(codes, draggingId, targetId, zone);
    return plan ? { target: { id: targetId, zone }, plan } : null;
  };

  const onDragOver = (event: DragEvent<HTMLUListElement>) => {
    if (!event.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
    const drop = dropAt(event);
    if (!drop) {
      event.dataTransfer.dropEffect = 'none';
      if (dropTarget) setDropTarget(null);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (dropTarget?.id !== drop.target.id || dropTarget.zone !== drop.target.zone) setDropTarget(drop.target);
    const hovered = drop.target.zone === 'inside' ? rows[rowIndex.get(drop.target.id) ?? -1] : undefined;
    if (hovered?.hasChildren && !hovered.isExpanded) {
      if (expandTimerRef.current?.id !== hovered.code.id) {
        if (expandTimerRef.current) window.clearTimeout(expandTimerRef.current.timer);
        const id = hovered.code.id;
        expandTimerRef.current = { id, timer: window.setTimeout(() => setExpanded(id, true), EXPAND_AFTER_MS) };
      }
    } else if (expandTimerRef.current) {
      window.clearTimeout(expandTimerRef.current.timer);
      expandTimerRef.current = null;
    }
  };

  const onDragLeave = (event: DragEvent<HTMLUListElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
  };

  const onDrop = (event: DragEvent<HTMLUListElement>) => {
    const drop = dropAt(event);
    const code = draggingId ? byId.get(draggingId) : undefined;
    clearDrag();
    if (!drop || !code) return;
    event.preventDefault();
    move(code, drop.plan);
  };

  return { draggingId, dropTarget, clearDrag, onDragStart, onDragOver, onDragLeave, onDrop };
}
