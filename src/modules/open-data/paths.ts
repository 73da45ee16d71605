/** Public paths of the catalogue (pages and machine-readable twins). */
export const datasetPath = (name: string) => `/datos/conjuntos/${encodeURIComponent(name)}`;
export const resourcePath = (datasetName: string, resourceId: string) => `${datasetPath(datasetName)}/recursos/${resourceId}`;
/** Where an uploaded file is downloaded from. */
export const resourceDownloadPath = (datasetName: string, resourceId: string) => `${resourcePath(datasetName, resourceId)}/descarga`;
