import { normaliseName } from './normalise';

/**
 * Given names that people use for one another, one group a line. A name may sit in several groups
 * (Alex: Alexander and Alexandra); two names are nicknames of each other when some group holds both,
 * so Albert and Alfred are not linked through Al.
 */
const GROUPS = `
john jon johnny jonny jack jonathan jonathon
jonathan jon jonny nathan
nathaniel nathan nate nat
william will bill billy willy liam
robert rob bob bobby robbie bert
elizabeth elisabeth liz lizzie beth betty betsy bess bessie libby eliza lisa elsa
katherine catherine kathryn catharine kathleen kate katie kathy cathy kat kitty kay
michael mike mikey mick mickey
james jim jimmy jamie
richard rick ricky dick rich richie
margaret peggy meg maggie marge margie greta
anthony tony
alexander alex alec sasha sandy xander
alexandra alex sasha sandra sandy lexi alexa
thomas tom tommy
christopher chris kit
christine christina kristina kristine chris chrissy tina
daniel dan danny
david dave davey
joseph joe joey jo
josephine jo josie
matthew matt matty
andrew andy drew
benjamin ben benny benji
samuel sam sammy
samantha sam sammy
nicholas nick nicky nico
patrick pat paddy
patricia pat patty trish tricia
edward ed eddie ted teddy ned
theodore theo ted teddy
charles charlie chuck chas
charlotte charlie lottie
henry harry hank hal
harold harry hal
frederick fred freddie freddy
alfred alf alfie fred al
albert al bert bertie
francis frank frankie
frances fran frannie
gregory greg
jeffrey geoffrey jeff geoff
joshua josh
kenneth ken kenny
lawrence laurence larry
leonard leo len lenny
louis lou louie
peter pete
philip phillip phil
raymond ray
ronald ron ronnie
donald don donnie
stephen steven steve stevie
timothy tim timmy
vincent vince vinny
walter walt wally
zachary zach zack
douglas doug
gerald gerry jerry
jacob jake
abigail abby
amanda mandy
barbara barb babs
deborah debra debbie deb
dorothy dot dottie dolly
eleanor ellie nell nora
helen nell nellie
jennifer jen jenny
jessica jess jessie
judith judy
kimberly kim
mary molly polly mae
melissa mel missy
pamela pam
rebecca becky becca
susan suzanne sue susie
victoria vicky tori
virginia ginny
cynthia cindy
angela angie
caroline carol carrie
jacqueline jackie
isabel isabella isabelle izzy bella
gabrielle gabriella gabby gaby
evgeny yevgeny eugene zhenya gene
dmitri dmitry dima
mikhail misha
natalia natalya natasha
ekaterina yekaterina katya
jose pepe
francisco paco pancho
ignacio nacho
giuseppe beppe peppe
johannes johann hans
`;

const groups: readonly string[][] = GROUPS.trim()
  .split('\n')
  .map((line) => line.split(' '));

const groupsByName = new Map<string, number[]>();
groups.forEach((names, group) => {
  for (const name of names) groupsByName.set(name, [...(groupsByName.get(name) ?? []), group]);
});

/** True when the two given names are different names that one person may go by (symmetric). */
export function areNicknames(a: string, b: string): boolean {
  return areNormalisedNicknames(normaliseName(a), normaliseName(b));
}

/** areNicknames for names already through normaliseName, as scoring holds them. */
export function areNormalisedNicknames(x: string, y: string): boolean {
  if (x === y) return false;
  const ys = groupsByName.get(y);
  if (!ys) return false;
  const xs = groupsByName.get(x);
  return !!xs && xs.some((g) => ys.includes(g));
}

/** The name itself and every name it is a nickname of or for, normalised. */
export function nicknameVariants(name: string): string[] {
  const x = normaliseName(name);
  return [...new Set([x, ...(groupsByName.get(x) ?? []).flatMap((g) => groups[g] ?? [])])];
}

export const NICKNAME_GROUP_COUNT = groups.length;
