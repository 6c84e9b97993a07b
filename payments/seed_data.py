"""The first version of the standard contract terms, loaded by a data migration."""

TERMS_EN = """\
1. **Work.** The vendor delivers the work described in this contract by the expected
   delivery date, to the standard described in its proposal (Annex A).
2. **Price and payment.** The price is firm, in Canadian dollars, taxes included. The
   department pays by government purchase card within 30 days of accepting the delivery.
   The vendor never asks for, and the department never sends, a card number by email or
   through the portal.
3. **Acceptance.** The buyer reviews each delivery within 10 business days and either
   accepts it or says, in writing, what must change.
4. **Intellectual property.** Unless the description says otherwise, the vendor keeps the
   intellectual property in what it creates and grants the Crown a perpetual, royalty-free
   licence to use, change and share it. Code is published under an open licence.
5. **Confidentiality and privacy.** The vendor protects any information the department gives
   it and uses it only for this work.
6. **Official languages and accessibility.** Deliverables meant for the public are in
   English and French and meet WCAG 2.1 AA.
7. **Termination.** Either party may end the contract with 10 days' written notice; work
   accepted until then is paid.
8. **Entire agreement.** This contract, the opportunity and the vendor's proposal are the
   whole agreement. The English and French versions are equally authoritative.
"""

TERMS_FR = """\
1. **Travaux.** Le fournisseur livre les travaux décrits dans le présent contrat au plus tard
   à la date de livraison prévue, selon la qualité décrite dans sa proposition (annexe A).
2. **Prix et paiement.** Le prix est ferme, en dollars canadiens, taxes comprises. Le
   ministère paie par carte d’achat du gouvernement dans les 30 jours suivant l’acceptation
   de la livraison. Le fournisseur ne demande jamais de numéro de carte par courriel ou dans
   le portail, et le ministère n’en envoie jamais.
3. **Acceptation.** L’acheteur examine chaque livraison dans les 10 jours ouvrables et
   l’accepte, ou indique par écrit ce qui doit changer.
4. **Propriété intellectuelle.** Sauf indication contraire dans la description, le fournisseur
   conserve la propriété intellectuelle de ce qu’il crée et accorde à la Couronne une licence
   perpétuelle et libre de redevances pour l’utiliser, le modifier et le partager. Le code est
   publié sous licence ouverte.
5. **Confidentialité et vie privée.** Le fournisseur protège les renseignements que le
   ministère lui communique et ne les utilise que pour ces travaux.
6. **Langues officielles et accessibilité.** Les livrables destinés au public sont en
   français et en anglais et respectent les WCAG 2.1 AA.
7. **Résiliation.** Chaque partie peut mettre fin au contrat par un préavis écrit de
   10 jours; les travaux acceptés jusque-là sont payés.
8. **Intégralité de l’entente.** Le présent contrat, l’occasion et la proposition du
   fournisseur forment l’entente complète. Les versions française et anglaise ont la même
   valeur.
"""


def seed_terms(ContractTerms) -> None:
    if not ContractTerms.objects.exists():
        ContractTerms.objects.create(version=1, body_en=TERMS_EN, body_fr=TERMS_FR)
