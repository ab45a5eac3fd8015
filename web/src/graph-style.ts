/** Colours by kind (one table for the graph, its legend and the search/audit badges). */
import type { StylesheetJson } from 'cytoscape';
import type { VisualKind } from './text.js';

export const KIND_COLOR: Record<VisualKind, { fill: string; border: string; text: string }> = {
  document: { fill: '#dbe7f6', border: '#1f5fa8', text: '#0f2f55' },
  stub: { fill: '#ffffff', border: '#6f86a3', text: '#3d4f66' },
  directive: { fill: '#efe4f8', border: '#7b3fa0', text: '#40195a' },
  task: { fill: '#dcf2e6', border: '#1e8a5a', text: '#0d4a2f' },
  agency: { fill: '#fdebd3', border: '#c46a00', text: '#5e3300' },
  collective: { fill: '#fde0dd', border: '#b3261e', text: '#6a130e' },
};

export const NODE_SIZE: Record<VisualKind, { w: number; h: number }> = {
  document: { w: 178, h: 58 },
  stub: { w: 178, h: 58 },
  directive: { w: 196, h: 66 },
  task: { w: 196, h: 66 },
  agency: { w: 156, h: 46 },
  collective: { w: 156, h: 46 },
};

export const EDGE_COLOR = {
  IMPLEMENTS: '#4a5a70',
  ITEM_IMPLEMENTS: '#7b3fa0',
  CITES: '#8a96a8',
  CONTAINS: '#b8c2cf',
  LEADS: '#c46a00',
  COORDINATES: '#d9a25f',
};

const kindRules = (Object.keys(KIND_COLOR) as VisualKind[]).map((k) => ({
  selector: `node[vk = "${k}"]`,
  style: {
    'background-color': KIND_COLOR[k].fill,
    'border-color': KIND_COLOR[k].border,
    color: KIND_COLOR[k].text,
    width: NODE_SIZE[k].w,
    height: NODE_SIZE[k].h,
  },
}));

export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      label: 'data(display)',
      'text-wrap': 'wrap',
      'text-max-width': '168px',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-family': 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
      'font-size': 11,
      'border-width': 1.5,
      'min-zoomed-font-size': 5,
    },
  },
  ...kindRules,
  { selector: 'node[vk = "document"], node[vk = "stub"]', style: { 'font-size': 12, 'font-weight': 600, 'text-max-width': '164px' } },
  { selector: 'node[vk = "stub"]', style: { 'border-style': 'dashed', 'font-weight': 500 } },
  { selector: 'node[level = "central"]', style: { 'border-width': 3 } },
  { selector: 'node[vk = "directive"], node[vk = "task"]', style: { 'font-size': 10, 'text-max-width': '182px', 'text-justification': 'left' } },
  { selector: 'node[vk = "agency"], node[vk = "collective"]', style: { shape: 'ellipse', 'font-size': 10, 'text-max-width': '132px' } },
  { selector: 'node[vk = "collective"]', style: { shape: 'hexagon', 'border-style': 'double', 'border-width': 4 } },
  // Expanded: a heavier outline, so what has been opened reads at a glance.
  { selector: 'node.expanded', style: { 'border-width': 3.5 } },
  { selector: 'node[level = "central"].expanded', style: { 'border-width': 4.5 } },
  { selector: 'node:selected', style: { 'overlay-color': '#ffcc00', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
  { selector: 'node.loading', style: { 'border-style': 'dotted', opacity: 0.7 } },
  { selector: 'node.dim', style: { opacity: 0.35 } },
  // Province groups: an open one is a box round its documents, titled at the top; a collapsed one a summary node.
  {
    selector: 'node[vk = "group"]',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f4f7fb',
      'border-color': '#8ea3bd',
      'border-style': 'dashed',
      'border-width': 1.5,
      color: '#24384f',
      'font-size': 12,
      'font-weight': 600,
      width: 196,
      height: 62,
    },
  },
  {
    selector: 'node[vk = "group"].group-open',
    style: { 'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': -4, padding: '16px', 'background-opacity': 0.5, 'text-max-width': '600px', 'text-events': 'yes' },
  },
  { selector: 'node[vk = "group"].group-closed', style: { 'border-style': 'solid', 'border-width': 2, 'background-color': '#e8eef6' } },
  // Level of detail: far out, items and agencies are shapes without text.
  { selector: 'node.far', style: { label: '' } },
  // Find in the graph: the matches stand out, the rest fades.
  { selector: 'node.match', style: { 'border-color': '#d4a000', 'border-width': 5, 'z-index': 20 } },
  { selector: 'node.faded', style: { opacity: 0.3 } },
  { selector: 'edge.faded', style: { opacity: 0.15 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'line-color': EDGE_COLOR.CONTAINS,
      'target-arrow-color': EDGE_COLOR.CONTAINS,
      'arrow-scale': 0.9,
    },
  },
  { selector: 'edge.tree', style: { 'curve-style': 'taxi', 'taxi-direction': 'vertical', 'taxi-turn': '50%' } },
  {
    selector: 'edge[type = "IMPLEMENTS"][kind = "document"]',
    style: { width: 2.2, 'line-color': EDGE_COLOR.IMPLEMENTS, 'target-arrow-color': EDGE_COLOR.IMPLEMENTS, 'target-arrow-shape': 'triangle' },
  },
  {
    selector: 'edge[type = "IMPLEMENTS"][kind = "item"]',
    style: { width: 1.6, 'line-style': 'dashed', 'line-color': EDGE_COLOR.ITEM_IMPLEMENTS, 'target-arrow-color': EDGE_COLOR.ITEM_IMPLEMENTS, 'target-arrow-shape': 'triangle' },
  },
  { selector: 'edge[type = "CITES"]', style: { 'line-style': 'dotted', 'line-color': EDGE_COLOR.CITES, 'target-arrow-color': EDGE_COLOR.CITES, 'target-arrow-shape': 'vee' } },
  { selector: 'edge[type = "LEADS"]', style: { width: 2, 'line-color': EDGE_COLOR.LEADS, 'target-arrow-color': EDGE_COLOR.LEADS, 'target-arrow-shape': 'triangle' } },
  { selector: 'edge[type = "COORDINATES"]', style: { 'line-style': 'dashed', 'line-color': EDGE_COLOR.COORDINATES, 'target-arrow-color': EDGE_COLOR.COORDINATES, 'target-arrow-shape': 'vee' } },
  { selector: 'edge.summary', style: { width: 3, 'line-style': 'solid' } },
  { selector: 'edge:selected', style: { width: 3.5, 'overlay-color': '#ffcc00', 'overlay-opacity': 0.3 } },
];
