// cytoscape-fcose ships no types: it is a Cytoscape extension like any other.
declare module 'cytoscape-fcose' {
  const ext: cytoscape.Ext;
  export default ext;
}
