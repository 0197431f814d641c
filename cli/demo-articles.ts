/**
 * The demo company's knowledge base (issue 8): about thirty articles written by its technicians,
 * through the core use cases, so each has its version, its audit entry and its search index.
 * Mostly French and for everyone; some are technicians' internal procedures; a few are in English
 * for the English-speaking staff; two stay drafts.
 */
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import type { ArticleKind, Audience } from '../core/kb/article.entity';
import { createArticle } from '../core/kb/create-article.service';

type Team = 'support' | 'reseau' | 'applications' | 'acces';
interface DemoArticle {
  by: Team;
  kind: ArticleKind;
  title: string;
  body: string;
  category: string;
  tags: string[];
  audience?: Audience;
  language?: 'fr' | 'en';
  draft?: boolean;
}

const steps = (...lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
const T: Audience = 'technicians';

export const DEMO_ARTICLES: DemoArticle[] = [
  { by: 'reseau', kind: 'guide', category: 'network', tags: ['vpn', 'télétravail'], title: 'VPN : se connecter depuis la maison',
    body: `Le VPN donne accès aux dossiers partagés et aux applications internes hors des bureaux.\n\n${steps('Ouvrez **FortiClient** (icône bouclier près de l’horloge).', 'Choisissez le profil « Société Exemple ».', 'Saisissez votre identifiant Windows et votre mot de passe.', 'Validez la notification sur l’application d’authentification.')}\n\n> Si la connexion tombe toutes les 5 minutes, voir « VPN : la connexion se coupe ».` },
  { by: 'reseau', kind: 'faq', category: 'network', tags: ['vpn'], title: 'VPN : la connexion se coupe régulièrement',
    body: 'La plupart des coupures viennent du Wi-Fi de la box ou d’une mise en veille.\n\n- Branchez-vous en câble si possible.\n- Désactivez la mise en veille de la carte réseau (Gestionnaire de périphériques > carte Wi-Fi > Gestion de l’alimentation).\n- Redémarrez FortiClient.\n\nSi cela continue, ouvrez un ticket en précisant l’heure des coupures.' },
  { by: 'reseau', kind: 'procedure', category: 'network', tags: ['vpn', 'certificat'], audience: T, title: 'VPN : renouveler le certificat machine',
    body: `Symptôme : erreur « certificat expiré » (-7200) sur tous les postes d’un site.\n\n${steps('Sur le poste, lancez `gpupdate /force` en administrateur.', 'Vérifiez dans `certlm.msc` > Personnel que le certificat « Exemple-Machine » a une date de fin future.', 'Sinon, `certutil -pulse` puis redémarrez.', 'En masse : redéployer la GPO « Autoenrollment » et prévenir via Teams.')}` },
  { by: 'support', kind: 'procedure', category: 'hardware', tags: ['imprimante', 'bourrage'], title: 'Imprimante : bourrage papier',
    body: `${steps('Éteignez l’imprimante.', 'Ouvrez le capot avant puis le capot B (à droite).', 'Retirez la feuille **en tirant dans le sens du papier**.', 'Refermez et rallumez.')}\n\nNe forcez jamais sur une feuille déchirée : ouvrez un ticket, un technicien passera.` },
  { by: 'support', kind: 'guide', category: 'hardware', tags: ['imprimante', 'installation'], title: 'Installer une imprimante réseau sur son PC',
    body: `${steps('Paramètres > Bluetooth et appareils > Imprimantes et scanners.', 'Ajouter un appareil, puis « L’imprimante que je veux n’est pas répertoriée ».', 'Saisissez `\\\\impression\\` suivi du nom affiché sur l’étiquette (ex. `IMP-2E-NORD`).')}\n\nLe pilote s’installe seul en une minute.` },
  { by: 'support', kind: 'faq', category: 'hardware', tags: ['imprimante', 'file d’attente'], title: 'Mes impressions restent bloquées dans la file d’attente',
    body: 'Annulez tous les documents de la file, puis réimprimez. Si rien ne sort, vérifiez sur l’écran de l’imprimante qu’il n’y a pas d’erreur (papier, toner). L’imprimante affiche « 49.XXXX » ? Éteignez-la 30 secondes.' },
  { by: 'support', kind: 'procedure', category: 'hardware', tags: ['imprimante', 'spouleur'], audience: T, title: 'Imprimantes : purger le spouleur du serveur d’impression',
    body: `${steps('RDP sur `SRV-PRINT01`.', '`Stop-Service Spooler -Force`', 'Vider `C:\\Windows\\System32\\spool\\PRINTERS`.', '`Start-Service Spooler`', 'Vérifier l’état des files dans la console Gestion de l’impression.')}` },
  { by: 'acces', kind: 'procedure', category: 'access', tags: ['mot de passe', 'windows'], title: 'Mot de passe oublié : le réinitialiser soi-même',
    body: `${steps('Allez sur https://motdepasse.exemple.fr depuis un téléphone ou un autre poste.', 'Saisissez votre adresse e-mail professionnelle.', 'Validez avec le code reçu par SMS.', 'Choisissez un nouveau mot de passe (12 caractères minimum, une phrase fonctionne bien).')}\n\nSur un portable hors réseau, connectez le VPN avant de déverrouiller avec le nouveau mot de passe.` },
  { by: 'acces', kind: 'faq', category: 'access', tags: ['mot de passe', 'verrouillage'], title: 'Mon compte est verrouillé',
    body: 'Après 5 essais ratés, le compte se verrouille 15 minutes. Attendez, ou réinitialisez votre mot de passe (article « Mot de passe oublié »). Un téléphone qui synchronise encore l’ancien mot de passe reverrouille le compte : mettez-le à jour dans Outlook mobile.' },
  { by: 'acces', kind: 'procedure', category: 'access', tags: ['mot de passe', 'ad'], audience: T, title: 'Déverrouiller un compte et trouver la source du verrouillage',
    body: `${steps('`Unlock-ADAccount -Identity prenom.nom`', 'Sur le contrôleur PDC : observateur d’événements, ID 4740, champ « Caller Computer Name ».', 'Si c’est un téléphone : demander la mise à jour du mot de passe dans l’appli mail.', 'Noter la source dans le ticket.')}` },
  { by: 'acces', kind: 'guide', category: 'access', tags: ['mfa', 'authenticator'], title: 'Changer de téléphone : transférer la double authentification',
    body: `Avant de rendre l’ancien téléphone :\n\n${steps('Ouvrez https://mysignins.microsoft.com > Informations de sécurité.', 'Ajoutez une méthode : Microsoft Authenticator sur le nouveau téléphone.', 'Supprimez l’ancien appareil.')}\n\nTéléphone perdu ? Appelez le support (poste 1000) : nous réinitialisons la méthode après vérification.` },
  { by: 'applications', kind: 'faq', category: 'software', tags: ['outlook', 'messagerie'], title: 'Outlook : ma boîte aux lettres est pleine',
    body: 'Videz « Éléments supprimés », puis activez l’archivage en ligne : clic droit sur la boîte > Paramètres de rétention > « Archiver après 1 an ». Les pièces jointes lourdes peuvent être déplacées dans OneDrive.' },
  { by: 'applications', kind: 'procedure', category: 'software', tags: ['outlook', 'profil'], title: 'Outlook ne s’ouvre plus ou reste sur « Chargement du profil »',
    body: `${steps('Fermez Outlook (vérifiez dans le Gestionnaire des tâches).', 'Lancez `outlook.exe /safe` depuis Exécuter (Windows + R).', 'S’il s’ouvre : Fichier > Options > Compléments, désactivez les compléments COM.', 'Sinon : Panneau de configuration > Courrier > Afficher les profils > Ajouter un nouveau profil.')}` },
  { by: 'applications', kind: 'guide', category: 'software', tags: ['outlook', 'partage'], title: 'Outlook : accéder à une boîte partagée',
    body: 'Une fois le droit accordé (ticket « Accès boîte partagée »), la boîte apparaît seule sous quelques heures dans la liste des dossiers. Sinon : Fichier > Paramètres du compte > Modifier > Autres paramètres > Avancé > Ajouter.' },
  { by: 'applications', kind: 'faq', category: 'software', tags: ['teams', 'audio', 'micro'], title: 'Teams : on ne m’entend pas ou je n’entends rien',
    body: `${steps('Pendant la réunion : « … » > Paramètres > Paramètres de l’appareil.', 'Choisissez le bon micro et haut-parleur (casque plutôt que « Haut-parleurs (Realtek) »).', 'Testez avec « Passer un appel test ».', 'Casque USB : débranchez-le et rebranchez-le sur un autre port.')}` },
  { by: 'applications', kind: 'faq', category: 'software', tags: ['teams', 'cache'], title: 'Teams est lent ou n’affiche plus les messages',
    body: 'Quittez Teams (clic droit sur l’icône > Quitter), supprimez le contenu de `%appdata%\\Microsoft\\Teams` (nouveau Teams : Paramètres > Applications > Microsoft Teams > Réinitialiser) et relancez. Vos messages sont sur le serveur, rien n’est perdu.' },
  { by: 'applications', kind: 'guide', category: 'software', tags: ['teams', 'réunion'], title: 'Teams : partager son écran en réunion',
    body: 'Cliquez sur « Partager » (flèche vers le haut), choisissez une fenêtre plutôt que tout l’écran pour ne pas montrer vos notifications. Pour une vidéo, cochez « Inclure le son de l’ordinateur ».' },
  { by: 'support', kind: 'guide', category: 'hardware', tags: ['pc portable', 'arrivée'], title: 'Nouveau PC portable : premiers pas',
    body: `${steps('Branchez le chargeur et connectez-vous au Wi-Fi « Exemple-Corp ».', 'Ouvrez la session avec votre identifiant et le mot de passe provisoire reçu par SMS.', 'Choisissez votre mot de passe définitif.', 'Laissez l’ordinateur allumé 30 minutes : les logiciels s’installent seuls.', 'Ouvrez OneDrive pour retrouver vos documents.')}` },
  { by: 'support', kind: 'procedure', category: 'hardware', tags: ['pc portable', 'autopilot'], audience: T, title: 'Préparer un PC portable neuf (Autopilot)',
    body: `${steps('Vérifier que le numéro de série est importé dans Intune > Appareils Windows > Inscription.', 'Affecter le profil « Standard » ou « Direction ».', 'Démarrer le poste sur le réseau filaire du service ; compter 45 minutes.', 'Étiqueter avec le numéro d’inventaire, noter l’attribution dans le ticket.')}` },
  { by: 'support', kind: 'faq', category: 'hardware', tags: ['écran', 'station d’accueil'], title: 'Mon écran externe reste noir',
    body: 'Vérifiez que le câble est bien branché sur la station d’accueil (pas sur le portable), puis Windows + P > « Étendre ». Débranchez la station 10 secondes. Toujours noir ? Essayez un autre câble HDMI avant d’ouvrir un ticket.' },
  { by: 'reseau', kind: 'faq', category: 'network', tags: ['wi-fi', 'invités'], title: 'Wi-Fi invités : obtenir un accès pour un visiteur',
    body: 'L’accueil remet un code valable la journée pour le réseau « Exemple-Invités ». Pour plusieurs jours, faites la demande la veille avec le nom du visiteur et les dates.' },
  { by: 'reseau', kind: 'faq', category: 'network', tags: ['wi-fi'], title: 'Wi-Fi : mon PC ne se connecte plus au réseau de l’entreprise',
    body: 'Oubliez le réseau « Exemple-Corp » (Paramètres > Wi-Fi > Gérer les réseaux connus), reconnectez-vous avec vos identifiants Windows. Si le message parle de certificat, redémarrez le PC au bureau en câble.' },
  { by: 'reseau', kind: 'procedure', category: 'network', tags: ['wi-fi', 'borne'], audience: T, title: 'Wi-Fi : redémarrer une borne ou le contrôleur',
    body: `${steps('Console du contrôleur : https://wifi-ctrl.exemple.local (compte du coffre « Réseau »).', 'Devices > repérer la borne (étage, nom).', 'Restart ; si elle ne revient pas en 5 minutes, couper le port PoE sur le switch d’étage.')}` },
  { by: 'support', kind: 'guide', category: 'software', tags: ['dossier partagé', 'lecteur réseau'], title: 'Accéder au dossier partagé de son service',
    body: 'Dans l’Explorateur, le lecteur **S:** est le dossier de votre service. Absent ? Tapez `\\\\fichiers\\services` dans la barre d’adresse. Hors des bureaux, connectez d’abord le VPN.' },
  { by: 'acces', kind: 'procedure', category: 'access', tags: ['dossier partagé', 'droits'], title: 'Demander l’accès à un dossier partagé',
    body: 'Ouvrez un ticket « Accès » en donnant le chemin exact du dossier et le nom de votre responsable : le responsable du dossier valide, puis le droit est ajouté sous une journée.' },
  { by: 'support', kind: 'faq', category: 'software', tags: ['onedrive', 'synchronisation'], title: 'OneDrive : des fichiers ne se synchronisent plus',
    body: 'Cliquez sur le nuage OneDrive près de l’horloge : une croix rouge indique le fichier en cause (nom trop long, caractère interdit, fichier ouvert). Renommez-le ou fermez-le ; la synchronisation reprend seule.' },
  { by: 'applications', kind: 'faq', category: 'software', tags: ['logiciel', 'installation'], title: 'Installer un logiciel : le Portail d’entreprise',
    body: 'Ouvrez « Portail d’entreprise » depuis le menu Démarrer : les logiciels autorisés s’y installent sans droits d’administrateur. Un logiciel manque ? Ouvrez une demande en expliquant le besoin.' },
  { by: 'support', kind: 'guide', category: 'other', tags: ['arrivée', 'départ'], draft: true, title: 'Départ d’un collaborateur : restitution du matériel (brouillon)',
    body: 'À compléter avec les RH : liste du matériel, effacement, date de désactivation du compte.' },
  { by: 'reseau', kind: 'faq', category: 'network', tags: ['vpn', 'remote'], language: 'en', title: 'VPN: connecting from home',
    body: `${steps('Open **FortiClient**.', 'Pick the “Société Exemple” profile.', 'Sign in with your Windows account and approve the Authenticator prompt.')}\n\nThe shared drives and internal apps are then available.` },
  { by: 'acces', kind: 'faq', category: 'access', tags: ['password'], language: 'en', title: 'Forgot your password? Reset it yourself',
    body: 'Go to https://motdepasse.exemple.fr from your phone, enter your work e-mail, confirm with the SMS code and choose a new password (at least 12 characters).' },
  { by: 'support', kind: 'faq', category: 'hardware', tags: ['printer'], language: 'en', title: 'Printer not working? Three checks first',
    body: `${steps('Look at the printer’s screen: a paper, toner or jam message tells you what to do.', 'Cancel every document waiting in the print queue, then print again.', 'Switch the printer off for 30 seconds and back on.')}\n\nStill not printing? File a ticket with the printer’s name from its label (e.g. \`IMP-2E-NORD\`).` },
  { by: 'support', kind: 'procedure', category: 'hardware', tags: ['printer', 'jam'], language: 'en', title: 'Printer: clearing a paper jam',
    body: `${steps('Turn the printer off.', 'Open the front cover, then cover B on the right.', 'Pull the sheet out **in the direction the paper travels**.', 'Close the covers and turn it back on.')}\n\nNever force a torn sheet: file a ticket and a technician will come.` },
  { by: 'applications', kind: 'faq', category: 'software', tags: ['teams', 'audio'], language: 'en', title: 'Teams: nobody can hear me',
    body: 'In the meeting, open “…” > Settings > Device settings and pick your headset as microphone and speaker. Use “Make a test call” to check.' },
  { by: 'applications', kind: 'procedure', category: 'software', tags: ['comptabilité'], audience: T, draft: true, title: 'Logiciel comptable : clôture mensuelle, relancer le batch',
    body: 'Brouillon : relancer `batch_cloture.ps1` sur SRV-APP02 après 19h, vérifier le journal.' },
];

/** Writes the demo articles, each by its team's technician, and returns how many were written. */
export async function loadDemoArticles(deps: CoreDeps, authors: Record<Team, Actor>): Promise<number> {
  for (const a of DEMO_ARTICLES) {
    const { by, draft, language, ...content } = a;
    await createArticle(deps, authors[by], { ...content, language: language ?? 'fr', publish: !draft });
  }
  return DEMO_ARTICLES.length;
}
