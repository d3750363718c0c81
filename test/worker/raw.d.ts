declare module '*?raw' {
  const text: string;
  export default text;
}

// jsonld's browser build, typed as its package (@types/jsonld).
declare module 'jsonld/dist/jsonld.esm.js' {
  import jsonld from 'jsonld';
  export default jsonld;
}
