/**
 * The demo company's words: people, services and what its staff write to the helpdesk. Pure data;
 * cli/demo.ts turns it into tickets through the core use cases.
 */
import type { Channel, Role } from '../core/shared/actor';
import type { Level, TicketType } from '../core/tickets/ticket.entity';

export const COMPANY = 'Société Exemple';
export const DOMAIN = 'exemple.fr';
/** Created last: its presence means a complete earlier load. */
export const DEMO_ADMIN_EMAIL = `admin@${DOMAIN}`;

export const SERVICES = [
  { slug: 'support', name: 'Support poste de travail' },
  { slug: 'reseau', name: 'Réseau et télécom' },
  { slug: 'applications', name: 'Applications métier' },
  { slug: 'acces', name: 'Comptes et accès' },
] as const;
export type ServiceSlug = (typeof SERVICES)[number]['slug'];

/** The five seeded categories get a route; two more are created for this company. */
export const CATEGORY_ROUTES: Record<string, ServiceSlug> = {
  hardware: 'support',
  software: 'support',
  network: 'reseau',
  access: 'acces',
  other: 'support',
};
export const NEW_CATEGORIES = [
  { slug: 'metier', nameFr: 'Application métier', nameEn: 'Business application', defaultService: 'applications' as ServiceSlug },
  { slug: 'telephonie', nameFr: 'Téléphonie', nameEn: 'Telephony', defaultService: 'reseau' as ServiceSlug },
];
export const routeOf = (category: string): ServiceSlug =>
  CATEGORY_ROUTES[category] ?? NEW_CATEGORIES.find((c) => c.slug === category)?.defaultService ?? 'support';

export interface StaffSeed {
  name: string;
  role: Exclude<Role, 'employee'>;
  service?: ServiceSlug;
  lead?: boolean;
  /** Joins the directory as an employee and is promoted with `role ... technician <service>`. */
  promoted?: boolean;
  department: string;
  phone?: string;
  channel: Channel;
  /** Takes callers' tickets on the phone line. */
  phoneSupport?: boolean;
}

export const STAFF: StaffSeed[] = [
  { name: 'Nicolas Girard', role: 'technician', service: 'support', lead: true, department: 'DSI', phone: '01 84 60 10 01', channel: 'teams' },
  { name: 'Camille Roux', role: 'technician', service: 'support', department: 'DSI', phone: '01 84 60 10 02', channel: 'teams' },
  { name: 'Karim Benali', role: 'technician', service: 'support', department: 'DSI', channel: 'slack', phoneSupport: true },
  { name: 'Laura Fontaine', role: 'technician', service: 'support', department: 'DSI', phone: '01 84 60 10 04', channel: 'web', phoneSupport: true },
  { name: 'Thomas Mercier', role: 'technician', service: 'reseau', lead: true, department: 'DSI', phone: '01 84 60 10 11', channel: 'slack' },
  { name: 'Hugo Lambert', role: 'technician', service: 'reseau', department: 'DSI', channel: 'teams' },
  { name: 'Émilie Chevalier', role: 'technician', service: 'applications', lead: true, department: 'DSI', phone: '01 84 60 10 21', channel: 'teams' },
  { name: 'Antoine Faure', role: 'technician', service: 'applications', department: 'DSI', channel: 'web' },
  { name: 'Sarah Morel', role: 'technician', service: 'acces', lead: true, department: 'DSI', phone: '01 84 60 10 31', channel: 'teams' },
  { name: 'Julien Perrin', role: 'technician', service: 'acces', promoted: true, department: 'DSI', channel: 'slack' },
  { name: 'Sophie Bernard', role: 'manager', department: 'DSI', phone: '01 84 60 10 00', channel: 'web' },
  { name: 'Philippe Garnier', role: 'manager', department: 'Direction', phone: '01 84 60 00 01', channel: 'teams' },
];
export const ADMIN_SEED = { name: 'Valérie Lefèvre', department: 'DSI', phone: '01 84 60 10 99' };

export const FIRST_NAMES = [
  'Marie', 'Pierre', 'Nathalie', 'Stéphane', 'Isabelle', 'Christophe', 'Sandrine', 'Frédéric', 'Céline', 'Olivier',
  'Aurélie', 'David', 'Élodie', 'Sébastien', 'Caroline', 'Mathieu', 'Julie', 'Guillaume', 'Virginie', 'Romain',
  'Audrey', 'Fabrice', 'Delphine', 'Yannick', 'Hélène', 'Jérôme', 'Mélanie', 'Cédric', 'Claire', 'Benoît',
  'Amandine', 'Patrick', 'Lucie', 'Vincent', 'Manon', 'Alexandre', 'Pauline', 'Maxime', 'Chloé', 'Rémi',
  'Inès', 'Mehdi', 'Nadia', 'Samir', 'Fatou', 'Linh', 'Agnès', 'Bruno', 'Sylvie', 'Laurent',
];
export const LAST_NAMES = [
  'Martin', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Michel', 'Garcia', 'Bertrand', 'Vincent', 'Fournier', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry',
  'Roussel', 'Morin', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Robin', 'Masson', 'Sanchez', 'Gérard',
  'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Roche', 'Noël', 'Meyer', 'Lucas',
  'Meunier', 'Perez', 'Marchand', 'Dufour', 'Blanchard', 'Brun', 'Barbier', 'Arnaud', 'Giraud', 'Schmitt',
  'Colin', 'Vidal', 'Caron', 'Picard', 'Renaud', 'Aubert', 'Lemoine', 'Haddad', 'Diallo', 'Besson',
];
/** Colleagues from the group's foreign offices: they read the bot in English. */
export const ENGLISH_SPEAKERS = [
  { name: 'Emma Clarke', department: 'Ventes' },
  { name: 'James Whitfield', department: 'Direction' },
  { name: 'Priya Raman', department: 'Marketing' },
  { name: 'Daniel Becker', department: 'Logistique' },
  { name: 'Olivia Hughes', department: 'Achats' },
];
/** 55 French employees by department, plus the five above: 60. */
export const DEPARTMENTS: Array<[string, number]> = [
  ['Comptabilité', 9],
  ['Ressources humaines', 6],
  ['Ventes', 11],
  ['Logistique', 10],
  ['Direction', 3],
  ['Marketing', 6],
  ['Achats', 5],
  ['Juridique', 3],
  ['Services généraux', 2],
];
export const EMPLOYEE_CHANNELS: Array<[Channel, number]> = [
  ['teams', 44],
  ['slack', 20],
  ['web', 16],
  ['email', 16],
  ['sms', 3],
];

/** Placeholder values; {prenom} and {service_rh} come from the requester. */
export const VARS: Record<string, string[]> = {
  etage: ['1er', '2e', '3e', '4e'],
  imprimante: ['IMP-RDC-01', 'IMP-2E-03', 'IMP-3E-02', 'IMP-COMPTA', 'IMP-LOG-01'],
  salle: ['Loire', 'Seine', 'Garonne', 'Rhône', 'Dordogne'],
  dossier: ['\\\\srv-fichiers\\Compta\\Clôtures', '\\\\srv-fichiers\\Ventes\\Devis', '\\\\srv-fichiers\\RH\\Paie', '\\\\srv-fichiers\\Logistique\\Inventaires', '\\\\srv-fichiers\\Direction\\Comités', '\\\\srv-fichiers\\Marketing\\Salons'],
  appli: ['Adobe Acrobat Pro', 'Power BI Desktop', 'Microsoft Visio', 'Microsoft Project', 'Notepad++', '7-Zip'],
  collegue: ['Léa Marchetti', 'Thomas Vasseur', 'Inès Boukhalfa', 'Quentin Leblanc', 'Margaux Rivière', 'Adrien Collet'],
  site: ['Lyon', 'Nantes', 'Lille'],
  erreur: ['0x80070005', '0x800CCC0E', 'ERR_CONNECTION_RESET', '809', '691'],
};

export interface Family {
  key: string;
  category: string;
  type: TicketType;
  weight: number;
  /** Drawn uniformly: repeat a level to make it likelier. */
  urgency: Level[];
  /** Paired: descriptions[i] is what someone writes under titles[i]. */
  titles: string[];
  descriptions: string[];
  en: { titles: string[]; descriptions: string[]; resolution: string };
  resolutions: string[];
  replies?: string[];
  notes?: string[];
  /** Business minutes of work between taking the ticket and resolving it. */
  work: [number, number];
  /** Often filed in the wrong queue: the first service hands it over. */
  transfer?: { to: ServiceSlug; share: number; note: string };
  ref?: { share: number; system: string; key: (n: number) => string; url?: (key: string) => string };
  /** Departments that file these more than others. */
  departments?: string[];
}

export const FAMILIES: Family[] = [
  {
    key: 'imprimante', category: 'hardware', type: 'incident', weight: 14, urgency: ['low', 'medium', 'medium', 'high'],
    titles: ["Imprimante du {etage} étage bloquée", "L'imprimante {imprimante} n'imprime plus", 'Bourrage papier sur {imprimante}', 'Mes impressions restent en attente', "Imprimante {imprimante} : erreur toner"],
    descriptions: [
      "L'imprimante du {etage} étage fait un bruit de claquement puis s'arrête. Le voyant orange clignote.",
      "Impossible d'imprimer sur {imprimante} depuis hier après-midi, la file indique « erreur ».",
      "Depuis ce matin {imprimante} affiche « bourrage papier » alors qu'il n'y a rien de coincé. Plusieurs collègues sont bloqués.",
      "Les documents partent dans la file d'impression mais rien ne sort. J'ai essayé depuis Word et depuis un PDF, même résultat.",
      "{imprimante} indique « cartouche non reconnue » alors que le toner vient d'être changé.",
    ],
    en: { titles: ['Printer {imprimante} not printing'], descriptions: ['My print jobs stay in the queue and nothing comes out of {imprimante}.'], resolution: 'Print queue cleared and driver reinstalled; a test page printed fine.' },
    resolutions: [
      "Rouleau d'entraînement nettoyé et bac 2 recalé ; page de test OK.",
      "File d'impression purgée sur le serveur d'impression et pilote réinstallé sur le poste.",
      'Toner remplacé : la cartouche compatible n\'était pas reconnue.',
      "Carte réseau de l'imprimante réinitialisée (adresse IP en conflit), impression rétablie.",
    ],
    notes: ["Troisième intervention sur {imprimante} ce mois-ci : prévoir le remplacement du module de fusion.", 'Pièce dispo dans le stock du 1er étage.'],
    work: [30, 300],
    ref: { share: 0.08, system: 'HP', key: (n) => `50${78120000 + n * 37}`, url: (k) => `https://support.hp.com/fr-fr/cases/${k}` },
  },
  {
    key: 'mot-de-passe', category: 'access', type: 'incident', weight: 16, urgency: ['medium', 'high', 'high', 'critical'],
    titles: ['Mot de passe expiré, impossible de me connecter', 'Compte verrouillé après plusieurs essais', 'Réinitialisation de mon mot de passe Windows', 'Je ne reçois plus le code de double authentification'],
    descriptions: [
      "Mon mot de passe a expiré pendant mes congés et je n'arrive plus à ouvrir ma session.",
      "Après trois essais mon compte est verrouillé. Je dois saisir des commandes urgentes ce matin.",
      'Le portail demande un nouveau mot de passe mais refuse tous ceux que je propose.',
      "J'ai changé de téléphone et l'application d'authentification ne me donne plus de code.",
    ],
    en: { titles: ['Account locked out', 'Password expired, cannot log in'], descriptions: ['My account got locked after a few attempts this morning.', 'My password expired while I was travelling and Windows refuses the new one.'], resolution: 'Account unlocked and password reset; you were asked to pick a new one at logon.' },
    resolutions: [
      'Compte déverrouillé et mot de passe réinitialisé ; changement imposé à la prochaine connexion.',
      "Méthode d'authentification réenregistrée sur le nouveau téléphone, connexion vérifiée avec l'utilisateur.",
      "Mot de passe réinitialisé après vérification d'identité par téléphone.",
    ],
    replies: ["Bonjour {prenom}, pour vérifier votre identité, pouvez-vous me rappeler au 01 84 60 10 31 ?"],
    notes: ['Verrouillages répétés : vérifier les sessions ouvertes sur son ancien portable.'],
    work: [5, 45],
  },
  {
    key: 'vpn', category: 'network', type: 'incident', weight: 12, urgency: ['medium', 'high', 'high'],
    titles: ['Le VPN ne se connecte pas depuis la maison', 'Connexion VPN qui coupe toutes les 10 minutes', 'Erreur {erreur} au lancement du VPN', 'Pas accès aux lecteurs réseau en télétravail'],
    descriptions: [
      "En télétravail aujourd'hui : le client VPN tourne puis affiche « échec de la connexion ».",
      'Le VPN se connecte mais se coupe régulièrement, je perds mes fichiers ouverts sur le serveur.',
      "Le client VPN s'arrête sur l'erreur {erreur} dès que je clique sur « Se connecter ».",
      "Connecté au VPN mais les lecteurs P: et S: restent inaccessibles.",
    ],
    en: { titles: ['VPN keeps disconnecting'], descriptions: ['Working from home today; the VPN drops every few minutes.'], resolution: 'VPN profile reinstalled and home router MTU adjusted; connection stable.' },
    resolutions: [
      'Profil VPN réinstallé et certificat machine renouvelé ; connexion stable.',
      "Box de l'utilisateur en cause (MTU) : paramètre ajusté, plus de coupure.",
      "Lecteurs réseau remappés par script de connexion, accès vérifié à distance.",
    ],
    transfer: { to: 'acces', share: 0.15, note: 'Le VPN fonctionne, c’est le compte qui est verrouillé : transfert à Comptes et accès.' },
    work: [20, 240],
  },
  {
    key: 'outlook', category: 'software', type: 'incident', weight: 12, urgency: ['low', 'medium', 'medium', 'high'],
    titles: ['Outlook ne se synchronise plus', 'Outlook demande le mot de passe en boucle', 'Boîte aux lettres pleine', "Les invitations de réunion n'arrivent plus", 'Outlook très lent à démarrer'],
    descriptions: [
      "Depuis hier, Outlook reste « Déconnecté » et je ne reçois plus de mails, alors que le webmail fonctionne.",
      "Outlook me redemande mon mot de passe toutes les cinq minutes.",
      "Message « votre boîte aux lettres est pleine », je ne peux plus envoyer.",
      "Mes collègues m'envoient des invitations Teams que je ne reçois pas dans le calendrier.",
      "Outlook met plusieurs minutes à s'ouvrir le matin et se fige quand je change de dossier.",
    ],
    en: { titles: ['Outlook not syncing'], descriptions: ['Outlook stays disconnected since yesterday; webmail works fine.'], resolution: 'Outlook profile rebuilt and cache reset; mail flowing again.' },
    resolutions: [
      "Profil Outlook recréé et cache OST régénéré, synchronisation rétablie.",
      "Identifiants obsolètes supprimés du gestionnaire d'informations d'identification.",
      "Archivage en ligne activé et 4 Go déplacés dans l'archive.",
    ],
    notes: ['Voir fiche KB « Recréer un profil Outlook ».'],
    work: [15, 180],
  },
  {
    key: 'teams-audio', category: 'software', type: 'incident', weight: 10, urgency: ['medium', 'medium', 'high'],
    titles: ['Pas de son dans Teams en réunion', 'Micro non reconnu dans Teams', 'Teams : mes interlocuteurs ne m’entendent pas', 'Écho pendant les appels Teams'],
    descriptions: [
      "En réunion Teams je n'entends personne alors que le son fonctionne sur YouTube.",
      "Mon casque est branché mais Teams indique « aucun micro détecté ».",
      "Depuis la mise à jour de Teams, mes collègues disent que ma voix est hachée.",
      'Mes interlocuteurs entendent leur propre voix en écho quand je suis en réunion depuis la salle {salle}.',
    ],
    en: { titles: ['No sound in Teams meetings'], descriptions: ['I cannot hear anyone in Teams meetings although my headset works elsewhere.'], resolution: 'Audio device set as default in Teams and headset firmware updated.' },
    resolutions: ['Périphérique audio par défaut corrigé dans Teams et dans Windows.', 'Pilote audio Realtek réinstallé, test d’appel concluant.', 'Casque défectueux remplacé par un Jabra neuf.'],
    transfer: { to: 'reseau', share: 0.1, note: 'Coupures liées au Wi-Fi de la salle, pas au poste : transfert au réseau.' },
    work: [15, 150],
  },
  {
    key: 'ecran', category: 'hardware', type: 'incident', weight: 8, urgency: ['low', 'medium', 'medium'],
    titles: ['Écran qui clignote', 'Deuxième écran non détecté', 'Écran noir au démarrage', "Lignes verticales sur l'écran"],
    descriptions: [
      "Mon écran clignote toutes les quelques secondes, c'est fatigant pour les yeux.",
      "Le second écran reste noir quand je branche le portable sur la station d'accueil.",
      "Le PC démarre (ventilateur) mais l'écran reste noir.",
      "Des lignes verticales colorées sont apparues sur la moitié droite de l'écran.",
    ],
    en: { titles: ['Second screen not detected'], descriptions: ['My second monitor stays black on the docking station.'], resolution: 'Docking station firmware updated and DisplayPort cable replaced.' },
    resolutions: ['Câble DisplayPort remplacé.', "Firmware de la station d'accueil mis à jour, les deux écrans sont détectés.", 'Écran sous garantie échangé.'],
    work: [20, 240],
  },
  {
    key: 'pc-portable', category: 'hardware', type: 'request', weight: 6, urgency: ['low', 'medium'],
    titles: ['Nouveau PC portable pour {collegue}', 'Remplacement de mon PC portable (trop lent)', 'PC portable de prêt pour un déplacement à {site}'],
    descriptions: [
      '{collegue} rejoint notre équipe lundi prochain : il lui faut un portable avec la configuration standard.',
      'Mon portable a 6 ans, il met 10 minutes à démarrer. Est-il possible de le remplacer ?',
      "Je pars trois jours à l'agence de {site}, j'aurais besoin d'un portable de prêt.",
    ],
    en: { titles: ['Laptop replacement'], descriptions: ['My laptop is six years old and very slow; could it be replaced?'], resolution: 'New laptop prepared with the standard image and handed over.' },
    resolutions: ['PC portable préparé (image standard, BitLocker) et remis en main propre.', 'Portable de prêt PRET-04 remis, à restituer au retour.', 'Remplacement validé par le manager, nouveau poste livré et données migrées.'],
    notes: ['Commande passée chez le grossiste, livraison sous 3 jours.'],
    work: [120, 1500],
  },
  {
    key: 'dossier-partage', category: 'access', type: 'request', weight: 10, urgency: ['low', 'medium', 'medium', 'high'],
    titles: ['Accès au dossier partagé {dossier}', 'Droits en écriture sur {dossier}', "Je n'ai plus accès au dossier {dossier}"],
    descriptions: [
      "J'ai besoin d'accéder au dossier {dossier} pour la clôture du mois. Ma responsable est d'accord.",
      'Je peux lire les fichiers de {dossier} mais pas les modifier.',
      "Depuis ce matin le dossier {dossier} me dit « accès refusé ».",
    ],
    en: { titles: ['Access to shared folder'], descriptions: ['I need access to {dossier}; my manager agreed.'], resolution: 'Added to the folder’s security group; access checked with you.' },
    resolutions: ['Ajout au groupe de sécurité du dossier après validation du responsable.', 'Droits en modification accordés, effectifs après reconnexion.', 'Héritage des droits rétabli sur le sous-dossier.'],
    replies: ['Bonjour {prenom}, pouvez-vous demander à votre responsable de valider la demande en répondant ici ?'],
    work: [10, 240],
  },
  {
    key: 'lenteur-reseau', category: 'network', type: 'incident', weight: 8, urgency: ['medium', 'high'],
    titles: ['Lenteur réseau au {etage} étage', "Internet très lent depuis ce matin", 'Wi-Fi instable en salle {salle}', 'Le Wi-Fi invités ne fonctionne pas'],
    descriptions: [
      'Tout est très lent au {etage} étage : ouvrir un fichier sur le serveur prend une minute.',
      "Les pages web mettent une éternité à s'afficher et les visios décrochent depuis ce matin.",
      "Le Wi-Fi de la salle {salle} décroche sans arrêt pendant les réunions.",
      "Nos visiteurs n'arrivent pas à se connecter au Wi-Fi invités.",
    ],
    en: { titles: ['Network very slow'], descriptions: ['Opening files on the server takes ages this morning.'], resolution: 'Faulty access point rebooted and channel changed.' },
    resolutions: ["Borne Wi-Fi de la salle redémarrée et canal changé.", "Boucle réseau sur un petit switch de bureau supprimée.", 'Lien fibre saturé par une sauvegarde : planification déplacée la nuit.'],
    notes: ['Vérifier les graphes Grafana du switch d’étage.'],
    work: [30, 300],
  },
  {
    key: 'logiciel-comptable', category: 'metier', type: 'incident', weight: 9, urgency: ['medium', 'high', 'high', 'critical'],
    titles: ['Sage Comptabilité ne démarre plus', "Erreur à l'export des écritures comptables", 'Logiciel comptable très lent en fin de mois', "Impossible d'éditer la balance âgée"],
    descriptions: [
      "Au lancement de Sage, message « base de données inaccessible ». Toute l'équipe compta est bloquée.",
      "L'export des écritures vers le cabinet s'arrête à 60 % avec une erreur.",
      "En période de clôture le logiciel met plusieurs minutes pour chaque saisie.",
      "L'édition de la balance âgée tourne puis s'arrête sur « mémoire insuffisante ».",
    ],
    departments: ['Comptabilité', 'Comptabilité', 'Direction'],
    en: { titles: ['Accounting software will not start'], descriptions: ['The accounting software says the database is unreachable.'], resolution: 'Database service restarted and indexes rebuilt.' },
    resolutions: ['Service SQL de la base Sage redémarré et index reconstruits.', "Correctif éditeur appliqué sur le module d'export.", 'Licence réseau libérée (sessions fantômes), lancement OK pour toute l’équipe.'],
    transfer: { to: 'reseau', share: 0.12, note: 'Le serveur répond bien, la lenteur vient du lien avec le site de Lyon : transfert réseau.' },
    ref: { share: 0.3, system: 'Sage', key: (n) => `CAS-${204000 + n * 13}`, url: (k) => `https://support.sage.fr/cas/${k}` },
    work: [60, 900],
  },
  {
    key: 'erp-logistique', category: 'metier', type: 'incident', weight: 5, urgency: ['medium', 'high'],
    titles: ['Erreur à la validation des bons de livraison', "Le module stock de l'ERP ne répond plus", "Étiquettes d'expédition mal imprimées"],
    descriptions: [
      "Quand on valide un bon de livraison, l'ERP affiche une erreur de verrou.",
      "Le module stock tourne dans le vide depuis 9 h, impossible de préparer les commandes.",
      "Les étiquettes transporteur sortent décalées, les codes-barres sont illisibles.",
    ],
    departments: ['Logistique', 'Logistique', 'Achats'],
    en: { titles: ['ERP stock module not responding'], descriptions: ['The stock module has been spinning since 9 am.'], resolution: 'Stuck ERP job killed and lock released.' },
    resolutions: ['Traitement bloqué arrêté et verrou libéré.', 'Modèle d’étiquette corrigé (marges).', 'Correctif de l’intégrateur déployé en production.'],
    ref: { share: 0.35, system: 'JIRA', key: (n) => `ERP-${1400 + n}`, url: (k) => `https://jira.${DOMAIN}/browse/${k}` },
    work: [60, 900],
  },
  {
    key: 'crm', category: 'metier', type: 'incident', weight: 5, urgency: ['low', 'medium', 'high'],
    titles: ['Le CRM ne se synchronise pas avec Outlook', 'Impossible de créer un devis dans le CRM', 'Export des opportunités en erreur'],
    descriptions: [
      'Mes rendez-vous clients ne remontent plus dans le CRM.',
      'Le bouton « Nouveau devis » ne fait rien depuis ce matin.',
      "L'export Excel des opportunités du trimestre plante.",
    ],
    departments: ['Ventes', 'Ventes', 'Marketing'],
    en: { titles: ['Cannot create a quote in the CRM'], descriptions: ['The “New quote” button does nothing since this morning.'], resolution: 'CRM add-in reinstalled and cache cleared.' },
    resolutions: ['Complément CRM pour Outlook réinstallé.', 'Droits du rôle commercial corrigés dans le CRM.', 'Limite d’export relevée par l’éditeur.'],
    ref: { share: 0.2, system: 'JIRA', key: (n) => `CRM-${300 + n}`, url: (k) => `https://jira.${DOMAIN}/browse/${k}` },
    work: [30, 600],
  },
  {
    key: 'paie', category: 'metier', type: 'request', weight: 3, urgency: ['medium', 'high'],
    titles: ['Logiciel de paie : erreur au calcul des congés', 'Accès au module RH pour la nouvelle gestionnaire'],
    descriptions: ['Le calcul des congés payés est faux pour les salariés à temps partiel.', 'Notre nouvelle gestionnaire de paie doit accéder au module RH.'],
    departments: ['Ressources humaines'],
    en: { titles: ['Payroll leave calculation error'], descriptions: ['Leave is miscalculated for part-time staff.'], resolution: 'Leave rule fixed with the vendor.' },
    resolutions: ['Paramétrage des règles de congés corrigé avec l’éditeur.', 'Profil « Gestionnaire paie » attribué.'],
    work: [60, 900],
  },
  {
    key: 'installation', category: 'software', type: 'request', weight: 7, urgency: ['low', 'low', 'medium'],
    titles: ['Installation de {appli}', 'Besoin de {appli} sur mon poste', 'Mise à jour de Chrome bloquée'],
    descriptions: ["J'ai besoin de {appli} pour mon travail, ma responsable a validé.", 'Pouvez-vous installer {appli} ? Je n’ai pas les droits administrateur.', 'Chrome affiche « mise à jour impossible » depuis une semaine.'],
    en: { titles: ['Install {appli}'], descriptions: ['Could you install {appli}? I have no admin rights.'], resolution: 'Installed from the software centre.' },
    resolutions: ['Installé depuis le centre logiciel.', 'Licence attribuée et logiciel déployé à distance.', 'Stratégie de mise à jour corrigée, Chrome à jour.'],
    work: [10, 300],
  },
  {
    key: 'telephone', category: 'telephonie', type: 'incident', weight: 5, urgency: ['low', 'medium', 'high'],
    titles: ["Mon poste téléphonique n'a plus de tonalité", 'Transfert d’appel vers mon portable', 'Messagerie vocale à réinitialiser', 'Casque DECT qui grésille'],
    descriptions: ["Plus de tonalité sur mon poste fixe depuis le déménagement de bureau.", "Je voudrais que mes appels soient renvoyés sur mon portable quand je suis en clientèle.", "J'ai oublié le code de ma messagerie vocale.", "Mon casque sans fil grésille dès que je m'éloigne de plus de deux mètres du bureau."],
    en: { titles: ['Desk phone has no dial tone'], descriptions: ['No dial tone since I moved desks.'], resolution: 'Phone re-registered on the new port.' },
    resolutions: ['Poste réaffecté sur la nouvelle prise et réenregistré.', 'Renvoi configuré sur le portable.', 'Code de messagerie réinitialisé.', 'Base DECT changée de canal.'],
    ref: { share: 0.2, system: 'Orange Business', key: (n) => `INC00${81200 + n}`, url: (k) => `https://espace-client.orange-business.com/incidents/${k}` },
    work: [15, 400],
  },
  {
    key: 'nouvel-arrivant', category: 'access', type: 'request', weight: 4, urgency: ['medium', 'high'],
    titles: ['Création de compte pour {collegue}', 'Ouverture messagerie et Teams pour {collegue}'],
    descriptions: ['{collegue} arrive lundi dans le service {service_rh}. Merci de créer le compte Windows et la boîte mail.', 'Merci d’ouvrir les accès de {collegue} (messagerie, Teams, dossier du service).'],
    en: { titles: ['Account for a new starter'], descriptions: ['{collegue} joins on Monday; please create the accounts.'], resolution: 'Accounts created; credentials given to the manager.' },
    resolutions: ['Compte, boîte mail et licence Microsoft 365 créés ; identifiants remis au manager.', 'Accès ouverts et ajout aux groupes du service.'],
    work: [30, 400],
  },
  {
    key: 'depart', category: 'access', type: 'request', weight: 2, urgency: ['medium'],
    titles: ['Départ de {collegue} : désactivation du compte', 'Transfert de la boîte mail de {collegue} après son départ'],
    descriptions: ['{collegue} quitte la société vendredi. Merci de désactiver ses accès le soir même.', 'Merci de me donner accès à la boîte de {collegue} pendant un mois.'],
    en: { titles: ['Leaver: disable account'], descriptions: ['{collegue} leaves on Friday; please disable the account that evening.'], resolution: 'Account disabled and mailbox shared with the manager.' },
    resolutions: ['Compte désactivé à 18 h, boîte convertie en boîte partagée pour le manager.', 'Délégation de la boîte accordée pour 30 jours.'],
    work: [20, 300],
  },
  {
    key: 'peripherique', category: 'hardware', type: 'request', weight: 5, urgency: ['low', 'low', 'medium'],
    titles: ['Clavier défectueux (touches qui collent)', 'Demande de souris ergonomique', "Station d'accueil qui ne charge plus le portable", 'Batterie du portable qui ne tient plus'],
    descriptions: ['Plusieurs touches de mon clavier ne répondent plus.', 'Sur recommandation du médecin du travail, je souhaiterais une souris verticale.', "Mon portable ne charge plus sur la station d'accueil.", "La batterie de mon portable tient moins d'une heure, impossible de travailler en réunion."],
    en: { titles: ['Keyboard keys sticking'], descriptions: ['Several keys on my keyboard no longer respond.'], resolution: 'Keyboard replaced.' },
    resolutions: ['Clavier remplacé.', 'Souris verticale commandée et livrée.', "Station d'accueil échangée.", 'Batterie remplacée sous garantie.'],
    work: [15, 900],
  },
  {
    key: 'poste-lent', category: 'software', type: 'incident', weight: 6, urgency: ['low', 'medium', 'high'],
    titles: ['PC très lent au démarrage', 'Écran bleu à plusieurs reprises', 'Mise à jour Windows bloquée à 35 %'],
    descriptions: ['Mon PC met plus de 10 minutes à être utilisable le matin.', "J'ai eu trois écrans bleus aujourd'hui, dont un pendant une visio client.", 'La mise à jour Windows tourne depuis une heure sans avancer.'],
    en: { titles: ['PC very slow to start'], descriptions: ['My PC takes more than ten minutes to be usable.'], resolution: 'Startup programs cleaned and disk replaced by an SSD.' },
    resolutions: ['Disque dur remplacé par un SSD, image restaurée.', 'Pilote graphique incompatible remplacé, plus d’écran bleu.', 'Mise à jour relancée après nettoyage du cache Windows Update.'],
    work: [30, 600],
  },
  {
    key: 'divers', category: 'other', type: 'request', weight: 3, urgency: ['low'],
    titles: ["Question sur l'archivage des mails", "Formation Teams pour l'équipe {service_rh}", 'Prêt d’un vidéoprojecteur pour la salle {salle}'],
    descriptions: ['Combien de temps nos mails sont-ils conservés ?', "Plusieurs collègues aimeraient une courte formation sur les canaux Teams.", 'Nous avons un séminaire jeudi en salle {salle}.'],
    en: { titles: ['Question about mail archiving'], descriptions: ['How long are our e-mails kept?'], resolution: 'Answered: see the KB article on retention.' },
    resolutions: ['Réponse apportée, lien vers l’article de la base de connaissances.', 'Session de formation planifiée le mardi suivant.', 'Vidéoprojecteur installé et testé.'],
    work: [10, 600],
  },
  {
    key: 'boite-partagee', category: 'access', type: 'request', weight: 3, urgency: ['low', 'medium'],
    titles: ['Accès à la boîte partagée contact@exemple.fr', 'Ajout à la liste de diffusion du service {service_rh}'],
    descriptions: ['Je remplace ma collègue pendant ses congés et dois lire la boîte contact.', "Je ne reçois pas les mails envoyés à la liste du service."],
    en: { titles: ['Access to the shared mailbox'], descriptions: ['I cover for a colleague and need the contact mailbox.'], resolution: 'Full access granted on the shared mailbox.' },
    resolutions: ['Accès en lecture et envoi accordé sur la boîte partagée.', 'Ajouté à la liste de diffusion.'],
    work: [10, 200],
  },
  {
    key: 'hameconnage', category: 'other', type: 'incident', weight: 2, urgency: ['high', 'critical'],
    titles: ['Mail suspect reçu (hameçonnage ?)', "J'ai cliqué sur un lien dans un mail douteux"],
    descriptions: ["J'ai reçu un mail « facture impayée » avec une pièce jointe bizarre, je ne l'ai pas ouverte.", "J'ai cliqué sur un lien et saisi mon mot de passe avant de réaliser que c'était louche."],
    en: { titles: ['Suspicious e-mail received'], descriptions: ['I got an odd “unpaid invoice” e-mail with an attachment.'], resolution: 'Message purged from all mailboxes; sender blocked.' },
    resolutions: ['Message purgé de toutes les boîtes et expéditeur bloqué.', 'Mot de passe réinitialisé, sessions révoquées et analyse antivirus complète sans détection.'],
    notes: ['Prévenir le RSSI et ajouter l’expéditeur à la liste de blocage.'],
    work: [10, 200],
  },
];

/** What technicians, requesters and the phone line write, with {prenom} for the requester's first name. */
export const TEXTS = {
  fr: {
    replies: [
      'Bonjour {prenom}, je prends votre demande en charge et reviens vers vous rapidement.',
      'Bonjour {prenom}, pouvez-vous redémarrer votre poste et me dire si le problème persiste ?',
      'Bonjour, pouvez-vous m’envoyer une capture d’écran du message d’erreur ?',
      'Je vais prendre la main à distance : merci d’accepter la demande de connexion.',
      'Je passe à votre bureau dans la matinée.',
      'Bonjour {prenom}, êtes-vous disponible cet après-midi pour un test ensemble ?',
    ],
    userReplies: [
      'Merci, c’est noté.',
      'Oui, je suis à mon bureau jusqu’à 17 h.',
      "J'ai redémarré mais ça ne change rien.",
      'Voici la capture, le message apparaît à chaque fois.',
      "C'est assez urgent, j'ai une échéance ce soir.",
      'Toujours le même souci ce matin.',
    ],
    notes: [
      'Déjà vu la semaine dernière au même étage, probablement lié.',
      'Poste sous garantie : ouvrir un cas constructeur si ça recommence.',
      'Utilisateur déjà dépanné deux fois ce mois-ci pour ce souci.',
      'Rien dans les journaux du serveur, piste côté poste.',
    ],
    pending: [
      "En attente du retour de l'utilisateur (absent jusqu'à jeudi).",
      'Pièce commandée chez le fournisseur, livraison prévue sous 3 jours.',
      'En attente de la validation du responsable pour les droits demandés.',
      "Cas ouvert chez l'éditeur, en attente de leur réponse.",
    ],
    resumed: ['Retour reçu, je reprends le ticket.', 'Pièce livrée, intervention planifiée.', 'Validation reçue, je m’en occupe.'],
    thanks: ['Tout fonctionne, merci beaucoup !', 'Parfait, merci pour la rapidité.', 'Merci, c’est réglé de mon côté.'],
    reopen: ['Le problème est revenu ce matin.', 'Ça a marché hier mais c’est de nouveau bloqué aujourd’hui.', 'Désolé, même souci après redémarrage.'],
    cancel: ['Finalement ça remarche tout seul, vous pouvez annuler.', 'Plus nécessaire, merci.', 'Demande envoyée deux fois par erreur, vous pouvez annuler celle-ci.'],
    nudge: ['Bonjour, des nouvelles de ma demande ?', 'Je relance : toujours bloqué.'],
    duplicate: ['Même demande que #{original}, suivie dans ce ticket-là.', 'Doublon de #{original} : je ferme celui-ci.'],
    resendPrefix: 'Relance : ',
    colleagueDescription: 'Même problème que mon collègue, je suis bloqué(e) aussi.',
    multi: 'J’ajoute {who} sur le ticket pour m’aider.',
    related: 'Même symptôme que #{other} : je lie les deux tickets.',
    raisedImpact: 'Plusieurs personnes bloquées : impact relevé.',
  },
  en: {
    replies: ['Hello {prenom}, I am on it and will get back to you shortly.', 'Hi {prenom}, could you restart your computer and tell me whether it still happens?', 'Could you send me a screenshot of the error?'],
    userReplies: ['Thanks, noted.', 'Yes, I am at my desk until 5 pm.', 'I restarted but nothing changed.'],
    thanks: ['All good now, many thanks!', 'Works fine, thank you.'],
    reopen: ['It is broken again this morning.'],
    cancel: ['It works again on its own, you can cancel.'],
    nudge: ['Hello, any news on this?'],
  },
};

/** Scripted episodes around which the ordinary tickets fall: two outages, an update that broke Office, new starters. */
export const OUTAGE = {
  parent: {
    title: 'Alerte Grafana : switch SW-B2 injoignable (bâtiment B, 2e étage)',
    description: 'Sonde ICMP en échec sur SW-B2 depuis 09:08. Les postes du 2e étage du bâtiment B sont probablement coupés.',
  },
  children: [
    "Plus d'internet depuis 9 h",
    'Impossible d’accéder au serveur de fichiers',
    'Teams déconnecté en pleine réunion',
    "L'imprimante du 2e étage ne répond plus",
    'Le logiciel comptable affiche « serveur introuvable »',
    'Réseau coupé au 2e étage ?',
    'Messagerie inaccessible',
  ],
  childDescription: 'Depuis quelques minutes plus rien ne fonctionne sur mon poste, mes voisins de bureau ont le même problème.',
  ack: 'Incident général en cours sur le 2e étage, suivi dans le ticket #{parent}. Nous vous tenons informés.',
  note: 'Switch SW-B2 muet, plus de LED d’alimentation : on sort le spare de la baie.',
  childResolution: 'Résolu avec l’incident #{parent} : switch SW-B2 remplacé, connexion rétablie.',
  resolution: 'Alimentation du switch SW-B2 défaillante : switch remplacé par le spare et configuration restaurée. Réseau rétabli à 11 h 40 pour tout l’étage.',
  ref: { system: 'Cisco TAC', key: 'SR 697812345', url: 'https://mycase.cloudapps.cisco.com/case/697812345' },
};

export const OFFICE_UPDATE = {
  parent: {
    title: 'Mise à jour Office de la nuit : Outlook et Excel plantent au démarrage',
    description: 'Depuis le déploiement de la mise à jour mensuelle d’Office cette nuit, de nombreux postes voient Outlook et Excel se fermer au lancement.',
  },
  children: [
    'Outlook se ferme tout seul au démarrage',
    "Outlook ne s'ouvre plus depuis ce matin",
    'Excel plante à l’ouverture des fichiers partagés',
    'Word et Outlook se ferment sans message',
    'Outlook : « Microsoft Outlook a cessé de fonctionner »',
    'Impossible d’ouvrir mes mails',
    'Excel se ferme quand j’ouvre le fichier des ventes',
    'Outlook plante en mode sans échec aussi',
    'Plus d’Outlook depuis la mise à jour',
  ],
  childDescription: 'Depuis ce matin le logiciel se ferme quelques secondes après son ouverture. J’ai redémarré deux fois.',
  ack: 'Problème général lié à la mise à jour Office de cette nuit, suivi dans le ticket #{parent}. En attendant, le webmail fonctionne.',
  note: 'Retour arrière de la version d’Office via GPO préparé, déploiement ce soir.',
  childResolution: 'Corrigé par le retour arrière de la mise à jour Office (voir #{parent}).',
  resolution: 'Version précédente d’Office redéployée par GPO sur tout le parc ; la mise à jour est suspendue jusqu’au correctif de l’éditeur.',
  ref: { system: 'Microsoft', key: 'TrackingID#2503110040007781', url: 'https://admin.microsoft.com/Adminportal/Home#/support' },
};

export const VPN_CERT = {
  parent: {
    title: 'Certificat du concentrateur VPN expiré : plus aucune connexion à distance',
    description: 'Le certificat serveur du VPN a expiré cette nuit ; tous les télétravailleurs sont coupés.',
  },
  children: ['VPN : erreur de certificat', 'Impossible de me connecter en télétravail', 'Le VPN refuse la connexion (certificat non valide)', 'VPN KO depuis ce matin', 'Plus accès à rien depuis la maison'],
  childDescription: 'Le client VPN affiche « le certificat du serveur n’est pas valide » et refuse de se connecter.',
  ack: 'Incident général sur le VPN, suivi dans le ticket #{parent}.',
  note: 'Renouvellement du certificat en cours, CSR envoyée.',
  childResolution: 'Certificat VPN renouvelé (voir #{parent}) : reconnectez-vous.',
  resolution: 'Certificat du concentrateur renouvelé et installé ; connexions rétablies. Suivi de l’automatisation du renouvellement dans INFRA-214.',
  ref: { system: 'JIRA', key: 'INFRA-214', url: `https://jira.${DOMAIN}/browse/INFRA-214` },
};
export type Episode = typeof OUTAGE;

/** A newcomer needs an account, then a laptop, then the business software: three linked requests. */
export const ONBOARDING = [
  { newcomer: 'Léa Marchetti', dept: 'Comptabilité', software: 'Accès au logiciel comptable (Sage) pour {newcomer}' },
  { newcomer: 'Quentin Leblanc', dept: 'Ventes', software: 'Accès au CRM et aux tarifs pour {newcomer}' },
  { newcomer: 'Margaux Rivière', dept: 'Logistique', software: "Accès au module stock de l'ERP pour {newcomer}" },
];
export const ONBOARDING_TEXT = {
  account: { title: 'Arrivée de {newcomer} : création du compte', description: '{newcomer} rejoint le service {dept} lundi. Merci de créer le compte Windows, la boîte mail et l’accès Teams.', resolution: 'Compte AD, boîte mail et licence Microsoft 365 créés ; identifiants remis au manager.' },
  laptop: { title: 'Arrivée de {newcomer} : PC portable et double écran', description: 'Merci de préparer un portable avec deux écrans pour {newcomer}.', resolution: 'PC portable préparé (image standard) et remis au service avec le double écran.', pending: 'En attente de la livraison du portable (commande 4500012{n}).' },
  software: { description: '{newcomer} aura besoin de ses accès métier dès son arrivée.', resolution: 'Licence attribuée et profil créé ; vérifié avec {newcomer} à son arrivée.' },
  coordination: 'Dépendances posées : le portable attend le compte, les accès métier attendent les deux.',
};
