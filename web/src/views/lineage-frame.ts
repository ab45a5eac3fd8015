/** Framing the lineage graph on what the user is looking at: a node with its neighbours, a traced chain, or everything. */
import type { Core } from 'cytoscape';

export function frameGraph(cy: Core, focus: string | string[] | undefined, roots: string[]): void {
  const several = Array.isArray(focus) ? cy.nodes().filter((n) => focus.includes(n.id())) : null;
  if (several?.nonempty()) {
    cy.fit(several, 40);
    if (cy.zoom() > 1.2) cy.zoom(1.2);
    cy.center(several);
  } else if (typeof focus === 'string' && cy.getElementById(focus).nonempty()) {
    const target = cy.getElementById(focus);
    // An open group is framed whole; a node with its neighbours.
    const eles = target.isParent() ? target.union(target.descendants()) : target.union(target.outgoers()).union(target.incomers()).filter((e) => e.isNode());
    cy.fit(eles, 40);
    // Readable, whatever the neighbourhood's extent: between 0.6 and 1.2, centred on the node.
    const z = Math.min(1.2, Math.max(target.isParent() ? 0.2 : 0.6, cy.zoom()));
    if (z !== cy.zoom()) {
      cy.zoom(z);
      cy.center(target);
    }
  } else {
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    } else if (cy.zoom() < 0.45) {
      // Too small to read (a narrow window): readable size, top of the graph, centred on the roots.
      const bb = cy.elements().boundingBox({});
      const rootX = roots.map((r) => cy.getElementById(r)).find((n) => n.nonempty())?.position().x ?? (bb.x1 + bb.x2) / 2;
      cy.zoom(0.45);
      cy.pan({ x: cy.width() / 2 - rootX * 0.45, y: 20 - bb.y1 * 0.45 });
    }
  }
}
