/** The one definition of a blank declaration lives in the domain (response usability uses it too). */
export { isBlankDeclaration } from '@dd/domain';
